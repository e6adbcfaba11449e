import RealModule

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
            let chosen = seeds(x, k: k, rng: &rng, candidates: 2 + Int(Double.log(Double(k))))
            return lloyd(x, centres: x.selecting(chosen).values, k: k, maxIterations: maxIterations)
        }
        var best = runs[0]
        for run in runs.dropFirst() where run.inertia < best.inertia { best = run }
        return best
    }

    /// One model per k. With `sample` (SEG-66, above the exact limit), the restarts run on the sample rows and Lloyd
    /// then refines the kept centres on every row, one k per core; a k the sample cannot hold runs on every row.
    package static func fit(_ x: FeatureMatrix, ks: [Int], seed: UInt64, sample: FeatureMatrix?) -> (models: [KMeansModel], sampled: Bool) {
        guard let sample else { return (ks.map { fit(x, k: $0, seed: seed) }, false) }
        let distinct = sample.distinctRowCount
        let starts = ks.map { k in distinct >= k ? fit(sample, k: k, seed: seed).centres : nil }
        let models = concurrentMap(ks.count) { index in
            starts[index].map { lloyd(x, centres: $0, k: ks[index]) } ?? fit(x, k: ks[index], seed: seed)
        }
        return (models, starts.contains { $0 != nil })
    }

    /// Greedy k-means++ (SEG-24): row indices of the k seeds. `candidates` = 1 is plain k-means++ (SEG-51).
    package static func seeds(_ x: FeatureMatrix, k: Int, rng: inout SplitMix64, candidates: Int) -> [Int] {
        let n = x.rows
        var chosen = [Int(rng.next() % UInt64(n))]
        var nearest = squaredDistances(x, to: chosen[0])
        var cumulative = [Double](repeating: 0, count: n)
        var trial = [Double](repeating: 0, count: n)
        var bestTrial = [Double](repeating: 0, count: n)
        var owners = candidates == 1 ? SeedOwners(nearest: nearest) : nil
        while chosen.count < k {
            var running = 0.0
            for i in 0..<n {
                running += nearest[i]
                cumulative[i] = running
            }
            if candidates == 1 {
                // Plain k-means++ takes its one draw whatever its potential, which therefore need not be summed.
                chosen.append(firstIndex(in: cumulative, above: rng.uniform() * running))
                owners?.add(chosen, x: x, nearest: &nearest)
                continue
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
    ///
    /// Every assignment is SEG-25's, but most rows skip the k distance sums (Hamerly's bounds): a row keeps an upper
    /// bound on its distance to its own centre and a lower bound on its distance to every other, both widened by how
    /// far the centres moved. While the first stays below the second by more than rounding could blur, the computed
    /// sums would choose the same centre again. The bounds are rounded outwards, so they hold for the true distances.
    package static func lloyd(_ x: FeatureMatrix, centres initial: [Double], k: Int, maxIterations: Int = 300) -> KMeansModel {
        let n = x.rows
        let d = x.columns
        var centres = initial
        var labels = [Int32](repeating: 0, count: n)
        var bounds = DistanceBounds(rows: n, columns: d, centres: k)
        var counts = [Int](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        var changed = [Bool](repeating: true, count: k)
        var moved: [DistanceBounds.Move] = []
        for iteration in 0..<maxIterations {
            moved.removeAll(keepingCapacity: true)
            bounds.assign(x, centres: centres, k: k, labels: &labels, changes: &moved)
            // The rows that moved give the new counts, the clusters whose members changed and whether the assignment
            // equals the last iteration's, without a pass over every row. The first iteration has no last one.
            if iteration == 0 {
                for i in 0..<n { counts[Int(labels[i])] += 1 }
            } else {
                for j in 0..<k { changed[j] = false }
                for move in moved {
                    let to = Int(labels[Int(move.row)])
                    counts[Int(move.from)] -= 1
                    counts[to] += 1
                    changed[Int(move.from)] = true
                    changed[to] = true
                }
            }
            var same = iteration > 0 && moved.isEmpty
            if counts.contains(0) {
                var start = labels
                for move in moved { start[Int(move.row)] = move.from }
                var distance = [Double](repeating: 0, count: n)
                for i in 0..<n { distance[i] = squaredDistance(x, row: i, centres: centres, centre: Int(labels[i])) }
                let before = labels
                fillEmptyClusters(labels: &labels, counts: &counts, distance: distance, k: k)
                for i in 0..<n where labels[i] != before[i] { bounds.forget(i) }
                // SEG-25 compares whole assignments: a row the fill moved back to where it started has not changed.
                if iteration > 0 {
                    for j in 0..<k { changed[j] = false }
                    same = true
                    for i in 0..<n where labels[i] != start[i] {
                        changed[Int(labels[i])] = true
                        changed[Int(start[i])] = true
                        same = false
                    }
                }
            }
            // A cluster whose members are those of the last iteration keeps its sums, hence its centre, bit for bit.
            for j in 0..<k where changed[j] {
                for f in 0..<d { sums[j * d + f] = 0 }
            }
            x.values.withUnsafeBufferPointer { v in
                sums.withUnsafeMutableBufferPointer { sums in
                    for i in 0..<n {
                        let j = Int(labels[i])
                        guard changed[j] else { continue }
                        for f in 0..<d { sums[j * d + f] += v[i * d + f] }
                    }
                }
            }
            let old = centres
            for j in 0..<k where changed[j] {
                for f in 0..<d { centres[j * d + f] = sums[j * d + f] / Double(counts[j]) }
            }
            bounds.centresMoved(from: old, to: centres, k: k)
            if same { break }
        }
        var inertia = 0.0
        for i in 0..<n { inertia += squaredDistance(x, row: i, centres: centres, centre: Int(labels[i])) }
        return KMeansModel(labels: labels, centres: centres, inertia: inertia)
    }

    /// Squared distance from a row to one centre, summed in feature order (SEG-19).
    static func squaredDistance(_ x: FeatureMatrix, row i: Int, centres: [Double], centre j: Int) -> Double {
        x.values.withUnsafeBufferPointer { v in
            centres.withUnsafeBufferPointer { c in squaredDistance(v, row: i, c, centre: j, columns: x.columns) }
        }
    }

    @inline(__always)
    static func squaredDistance(
        _ v: UnsafeBufferPointer<Double>, row i: Int, _ c: UnsafeBufferPointer<Double>, centre j: Int, columns d: Int
    ) -> Double {
        var sum = 0.0
        for f in 0..<d {
            let delta = v[i * d + f] - c[j * d + f]
            sum += delta * delta
        }
        return sum
    }

    /// Nearest centre per row by squared distance, ties to the lowest centre index; rows split over the cores. Many
    /// centres (a coreset's thousands) are looked up in a k-d tree, with the same answers.
    static func assign(_ x: FeatureMatrix, centres: [Double], k: Int, labels: inout [Int32], distance: inout [Double]) {
        let d = x.columns
        let tree = k >= 64 ? KDTree(FeatureMatrix(rows: k, columns: d, values: centres)) : nil
        labels.withUnsafeMutableBufferPointer { labels in
            distance.withUnsafeMutableBufferPointer { distance in
                let (labels, distance) = (SharedBuffer(labels), SharedBuffer(distance))
                forEachChunk(of: x.rows) { rows in
                    x.values.withUnsafeBufferPointer { v in
                        centres.withUnsafeBufferPointer { c in
                            for i in rows {
                                if let tree {
                                    let nearest = tree.nearest(v.baseAddress! + i * d)
                                    labels.buffer[i] = Int32(nearest.row)
                                    distance.buffer[i] = nearest.squaredDistance
                                } else {
                                    let nearest = nearestCentre(v, row: i, c, k: k, columns: d)
                                    labels.buffer[i] = Int32(nearest.centre)
                                    distance.buffer[i] = nearest.best
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The centre nearest to row i by squared distance summed in feature order, ties to the lowest index (SEG-25
    /// step 1), with that squared distance and the smallest one to any other centre.
    @inline(__always)
    static func nearestCentre(
        _ v: UnsafeBufferPointer<Double>, row i: Int, _ c: UnsafeBufferPointer<Double>, k: Int, columns d: Int
    ) -> (centre: Int, best: Double, second: Double) {
        var best = Double.infinity
        var second = Double.infinity
        var centre = 0
        for j in 0..<k {
            let sum = squaredDistance(v, row: i, c, centre: j, columns: d)
            if sum < best {
                second = best
                best = sum
                centre = j
            } else if sum < second {
                second = sum
            }
        }
        return (centre, best, second)
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

/// Plain k-means++'s distance update with whole groups skipped (the triangle inequality, as in Raff's exact
/// acceleration of k-means++): each seed keeps the list of rows it is nearest to and the largest squared distance
/// among them. A new seed at least twice that distance (with room for rounding) from a seed cannot come nearer to any
/// of its rows, so only the other seeds' lists are visited; in those, a row whose own distance is at most half the new
/// seed's gap to its seed skips the sum too. Every value is exactly min(old, new), as before; only the visits differ.
struct SeedOwners {
    /// Per seed, the rows nearest to it (in no particular order).
    private var members: [[Int32]]
    /// Per seed, an upper bound on its rows' squared distances (exact for every seed whose rows were last visited).
    private var radius: [Double]

    /// The most rows one task visits, so that a large list is shared out over the cores.
    private static let taskSize = 1 << 15

    init(nearest: [Double]) {
        members = [(0..<nearest.count).map(Int32.init)]
        radius = [nearest.max() ?? 0]
    }

    private struct Outcome {
        var kept: [Int32] = []
        var moved: [Int32] = []
        var keptLargest = 0.0
        var movedLargest = 0.0
    }

    /// `chosen.last` was just chosen: lower `nearest` to it where it is nearer, and move those rows to its list.
    mutating func add(_ chosen: [Int], x: FeatureMatrix, nearest: inout [Double]) {
        let seed = chosen.count - 1
        let row = chosen[seed]
        let gaps = (0..<seed).map { s in x.squaredDistance(chosen[s], row) }
        let scanned = (0..<seed).filter { s in !(gaps[s] > 4 * radius[s] * (1 + 1e-6)) }
        let tasks = scanned.flatMap { s in
            stride(from: 0, to: members[s].count, by: Self.taskSize).map { (seed: s, range: $0..<min(members[s].count, $0 + Self.taskSize)) }
        }
        let visits = tasks.reduce(0) { $0 + $1.range.count }
        let lists = members
        let outcomes: [Outcome] = nearest.withUnsafeMutableBufferPointer { buffer in
            let nearest = SharedBuffer(buffer)
            let visit = { @Sendable (task: Int) -> Outcome in
                let (s, range) = tasks[task]
                var outcome = Outcome()
                outcome.kept.reserveCapacity(range.count)
                for position in range {
                    let i = lists[s][position]
                    let current = nearest.buffer[Int(i)]
                    // The same bound for the row alone: its own distance, not its seed's largest.
                    if !(gaps[s] > 4 * current * (1 + 1e-6)) {
                        let distance = x.squaredDistance(Int(i), row)
                        if distance < current {
                            nearest.buffer[Int(i)] = distance
                            outcome.moved.append(i)
                            outcome.movedLargest = max(outcome.movedLargest, distance)
                            continue
                        }
                    }
                    outcome.kept.append(i)
                    outcome.keptLargest = max(outcome.keptLargest, current)
                }
                return outcome
            }
            return visits >= 1 << 16 ? concurrentMap(tasks.count, visit) : (0..<tasks.count).map(visit)
        }
        var joined: [Int32] = []
        var joinedLargest = 0.0
        var next = 0
        for s in scanned {
            var kept: [Int32] = []
            var largest = 0.0
            while next < tasks.count && tasks[next].seed == s {
                kept.append(contentsOf: outcomes[next].kept)
                largest = max(largest, outcomes[next].keptLargest)
                joined.append(contentsOf: outcomes[next].moved)
                joinedLargest = max(joinedLargest, outcomes[next].movedLargest)
                next += 1
            }
            members[s] = kept
            radius[s] = largest
        }
        members.append(joined)
        radius.append(joinedLargest)
    }
}
