/// A fitted k-means model: labels 0..<k per row, the centres (k × d, row-major) and the inertia.
package struct KMeansModel: Sendable {
    package var labels: [Int32]
    package var centres: [Double]
    package var inertia: Double
}

/// k-means as SEG-24 to SEG-26 define it: greedy k-means++ seeding, Lloyd iterations until the assignment stops
/// changing, and the best of several seeded restarts.
package enum KMeans {
    /// SEG-23: the generator of one purpose tag, cluster count and restart.
    package static func generator(seed: UInt64, tag: UInt64, k: Int, restart: Int) -> SplitMix64 {
        SplitMix64(seed: seed &* (1 << 32) &+ tag &* (1 << 24) &+ UInt64(k) &* (1 << 8) &+ UInt64(restart))
    }

    /// The kept run of `restarts` seeded runs (smallest inertia, ties to the lowest restart); restarts run on all cores.
    package static func fit(_ x: FeatureMatrix, k: Int, seed: UInt64, restarts: Int = 10, maxIterations: Int = 300) -> KMeansModel {
        let runs = concurrentMap(restarts) { r in
            var rng = generator(seed: seed, tag: 1, k: k, restart: r)
            let chosen = seeds(x, k: k, rng: &rng, candidates: 2 + Int(log(Double(k))))
            return lloyd(x, centres: x.selecting(chosen).values, k: k, maxIterations: maxIterations)
        }
        var best = runs[0]
        for run in runs.dropFirst() where run.inertia < best.inertia { best = run }
        return best
    }

    /// Greedy k-means++ (SEG-24): row indices of the k seeds. `candidates` = 1 is plain k-means++ (SEG-51).
    package static func seeds(_ x: FeatureMatrix, k: Int, rng: inout SplitMix64, candidates: Int) -> [Int] {
        let n = x.rows
        var chosen = [Int(rng.next() % UInt64(n))]
        var nearest = squaredDistances(x, to: chosen[0])
        var cumulative = [Double](repeating: 0, count: n)
        var trial = [Double](repeating: 0, count: n)
        var bestTrial = [Double](repeating: 0, count: n)
        while chosen.count < k {
            var running = 0.0
            for i in 0..<n {
                running += nearest[i]
                cumulative[i] = running
            }
            var bestPotential = Double.infinity
            var bestIndex = -1
            for _ in 0..<candidates {
                let target = rng.uniform() * running
                let candidate = firstIndex(in: cumulative, above: target)
                var potential = 0.0
                x.values.withUnsafeBufferPointer { v in
                    let d = x.columns
                    for i in 0..<n {
                        var sum = 0.0
                        for f in 0..<d {
                            let delta = v[i * d + f] - v[candidate * d + f]
                            sum += delta * delta
                        }
                        let value = min(nearest[i], sum)
                        trial[i] = value
                        potential += value
                    }
                }
                if potential < bestPotential {
                    bestPotential = potential
                    bestIndex = candidate
                    swap(&trial, &bestTrial)
                }
            }
            chosen.append(bestIndex)
            swap(&nearest, &bestTrial)
        }
        return chosen
    }

    /// The smallest i with cumulative[i] > target (the last index when none is).
    static func firstIndex(in cumulative: [Double], above target: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    static func squaredDistances(_ x: FeatureMatrix, to row: Int) -> [Double] {
        (0..<x.rows).map { x.squaredDistance($0, row) }
    }

    /// Lloyd iterations from the given centres (SEG-25).
    package static func lloyd(_ x: FeatureMatrix, centres initial: [Double], k: Int, maxIterations: Int = 300) -> KMeansModel {
        let n = x.rows
        let d = x.columns
        var centres = initial
        var labels = [Int32](repeating: 0, count: n)
        var previous: [Int32]? = nil
        var distance = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        for _ in 0..<maxIterations {
            assign(x, centres: centres, k: k, labels: &labels, distance: &distance)
            for j in 0..<k { counts[j] = 0 }
            for i in 0..<n { counts[Int(labels[i])] += 1 }
            if counts.contains(0) { fillEmptyClusters(labels: &labels, counts: &counts, distance: distance, k: k) }
            for j in 0..<(k * d) { sums[j] = 0 }
            x.values.withUnsafeBufferPointer { v in
                for i in 0..<n {
                    let j = Int(labels[i])
                    for f in 0..<d { sums[j * d + f] += v[i * d + f] }
                }
            }
            for j in 0..<k {
                for f in 0..<d { centres[j * d + f] = sums[j * d + f] / Double(counts[j]) }
            }
            if let previous, previous == labels { break }
            previous = labels
        }
        var inertia = 0.0
        x.values.withUnsafeBufferPointer { v in
            for i in 0..<n {
                let j = Int(labels[i])
                var sum = 0.0
                for f in 0..<d {
                    let delta = v[i * d + f] - centres[j * d + f]
                    sum += delta * delta
                }
                inertia += sum
            }
        }
        return KMeansModel(labels: labels, centres: centres, inertia: inertia)
    }

    /// Nearest centre per row by squared distance, ties to the lowest centre index.
    static func assign(_ x: FeatureMatrix, centres: [Double], k: Int, labels: inout [Int32], distance: inout [Double]) {
        let d = x.columns
        x.values.withUnsafeBufferPointer { v in
            centres.withUnsafeBufferPointer { c in
                labels.withUnsafeMutableBufferPointer { labels in
                    distance.withUnsafeMutableBufferPointer { distance in
                        for i in 0..<x.rows {
                            var best = Double.infinity
                            var bestJ = 0
                            for j in 0..<k {
                                var sum = 0.0
                                for f in 0..<d {
                                    let delta = v[i * d + f] - c[j * d + f]
                                    sum += delta * delta
                                }
                                if sum < best {
                                    best = sum
                                    bestJ = j
                                }
                            }
                            labels[i] = Int32(bestJ)
                            distance[i] = best
                        }
                    }
                }
            }
        }
    }

    /// SEG-25 step 2: each empty cluster, in index order, takes the row farthest from its centre (ties to the lowest
    /// row) that has not moved yet and does not leave its own cluster empty.
    static func fillEmptyClusters(labels: inout [Int32], counts: inout [Int], distance: [Double], k: Int) {
        let order = labels.indices.sorted { distance[$0] != distance[$1] ? distance[$0] > distance[$1] : $0 < $1 }
        var cursor = 0
        for j in 0..<k where counts[j] == 0 {
            // A row passed over once stays ineligible: counts only fall and moved rows never return.
            while cursor < order.count {
                let i = order[cursor]
                cursor += 1
                let from = Int(labels[i])
                if counts[from] < 2 { continue }
                counts[from] -= 1
                labels[i] = Int32(j)
                counts[j] = 1
                break
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
