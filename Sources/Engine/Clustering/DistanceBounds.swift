/// Hamerly's bounds for Lloyd's assignment step: per row, an upper bound on the true distance to its own centre and
/// a lower bound on the true distance to every other centre. A row whose bounds are apart by more than the rounding
/// of a computed distance sum keeps its centre without any sum being computed; any other row is assigned exactly as
/// `KMeans.assign` does (sums in feature order, ties to the lowest centre), so the labels never differ from it.
struct DistanceBounds {
    /// A row that changed centre in an assignment, and the centre it left.
    struct Move {
        var row: Int32
        var from: Int32
    }

    private var upper: [Double]
    private var lower: [Double]
    /// How far each centre moved since the bounds were last widened, rounded up; and the largest of these.
    private var moved: [Double]
    private var farthest = 0.0
    /// The relative error of a computed squared distance over d features, with room to spare.
    private let slack: Double

    /// Bounds that hold nothing yet (+∞ and 0), so that the first assignment computes every row.
    init(rows: Int, columns: Int, centres k: Int) {
        upper = [Double](repeating: .infinity, count: rows)
        lower = [Double](repeating: 0, count: rows)
        moved = [Double](repeating: 0, count: k)
        slack = Double(columns + 2) * Double.ulpOfOne
    }

    /// Row i lost its centre some other way (SEG-25's empty-cluster step): assign it from scratch next time.
    mutating func forget(_ i: Int) {
        upper[i] = .infinity
        lower[i] = 0
    }

    mutating func centresMoved(from old: [Double], to new: [Double], k: Int) {
        let d = old.count / max(k, 1)
        moved = (0..<k).map { j in
            var sum = 0.0
            for f in 0..<d {
                let delta = new[j * d + f] - old[j * d + f]
                sum += delta * delta
            }
            return (sum.squareRoot() * (1 + slack)).nextUp
        }
        farthest = moved.max() ?? 0
    }

    /// SEG-25 step 1 for every row: the nearest centre by computed squared distance, ties to the lowest index. Each
    /// row that changes centre is appended to `changes` with the centre it left.
    mutating func assign(_ x: FeatureMatrix, centres: [Double], k: Int, labels: inout [Int32], changes: inout [Move]) {
        let d = x.columns
        let slack = self.slack
        let moved = self.moved
        let farthest = self.farthest
        x.values.withUnsafeBufferPointer { v in
            centres.withUnsafeBufferPointer { c in
                upper.withUnsafeMutableBufferPointer { upper in
                    lower.withUnsafeMutableBufferPointer { lower in
                        labels.withUnsafeMutableBufferPointer { labels in
                            for i in 0..<x.rows {
                                var u = (upper[i] + moved[Int(labels[i])]).nextUp
                                let l = (lower[i] - farthest).nextDown
                                // Apart by far more than rounding: the computed sums keep the order of the true ones.
                                if u * (1 + 1e6 * slack) < l {
                                    upper[i] = u
                                    lower[i] = l
                                    continue
                                }
                                // The distance to its own centre may be enough to tighten the upper bound.
                                u = (KMeans.squaredDistance(v, row: i, c, centre: Int(labels[i]), columns: d).squareRoot() * (1 + slack)).nextUp
                                if u * (1 + 1e6 * slack) < l {
                                    upper[i] = u
                                    lower[i] = l
                                    continue
                                }
                                let nearest = KMeans.nearestCentre(v, row: i, c, k: k, columns: d)
                                if labels[i] != Int32(nearest.centre) { changes.append(Move(row: Int32(i), from: labels[i])) }
                                labels[i] = Int32(nearest.centre)
                                upper[i] = (nearest.best.squareRoot() * (1 + slack)).nextUp
                                lower[i] = (nearest.second.squareRoot() * (1 - slack)).nextDown
                            }
                        }
                    }
                }
            }
        }
    }
}
