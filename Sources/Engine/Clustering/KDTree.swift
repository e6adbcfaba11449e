/// A k-d tree over some rows of a feature matrix, for DBSCAN's ε-range queries above three features (SEG-52).
///
/// Answers are exact: a point is within ε when its squared distance to the query, summed in feature order, is at most
/// ε², the same sum as `FeatureMatrix.squaredDistance`. Node boxes only prune. Their bounds are coordinates of real
/// points and rounding is monotone, so a box's computed gap never exceeds a member's computed distance and its
/// computed far-corner distance never falls below it: a box test cannot disagree with the point test.
struct KDTree: Sendable {
    let columns: Int
    /// Coordinates in tree order, row-major.
    let points: [Double]
    /// Tree position → row of the source matrix.
    let rows: [Int32]
    /// Per node: its tree positions, its children (−1 for a leaf) and its tight box (lower d values, then upper d).
    let start: [Int32]
    let end: [Int32]
    let left: [Int32]
    let right: [Int32]
    let boxes: [Double]
    var nodeCount: Int { start.count }

    static let leafSize = 16

    enum Visit { case skip, descend, stop }

    /// A tree over `selected` rows of `x` (all rows when nil).
    init(_ x: FeatureMatrix, rows selected: [Int]? = nil) {
        let d = x.columns
        var order = selected.map { $0.map(Int32.init) } ?? (0..<x.rows).map(Int32.init)
        // The coordinates move with `order`, so every scan below reads memory front to back instead of jumping
        // through row numbers; at the end they are the points in tree order.
        var points = [Double](repeating: 0, count: order.count * d)
        for (t, row) in order.enumerated() {
            for f in 0..<d { points[t * d + f] = x[Int(row), f] }
        }
        var start: [Int32] = []
        var end: [Int32] = []
        var left: [Int32] = []
        var right: [Int32] = []
        var boxes: [Double] = []
        points.withUnsafeMutableBufferPointer { p in
            order.withUnsafeMutableBufferPointer { order in
                // Nodes in preorder; an explicit stack of (node, low, high) ranges still to split.
                func addNode(_ low: Int, _ high: Int) -> Int {
                    var box = [Double](repeating: .infinity, count: d) + [Double](repeating: -.infinity, count: d)
                    for t in low..<high {
                        for f in 0..<d {
                            box[f] = Swift.min(box[f], p[t * d + f])
                            box[d + f] = Swift.max(box[d + f], p[t * d + f])
                        }
                    }
                    start.append(Int32(low))
                    end.append(Int32(high))
                    left.append(-1)
                    right.append(-1)
                    boxes.append(contentsOf: box)
                    return start.count - 1
                }
                var pending = [addNode(0, order.count)]
                while let node = pending.popLast() {
                    let (low, high) = (Int(start[node]), Int(end[node]))
                    guard high - low > Self.leafSize else { continue }
                    // Split at the median of the widest side; a box with no width holds copies of one point.
                    var axis = 0
                    var widest = 0.0
                    for f in 0..<d where boxes[node * 2 * d + d + f] - boxes[node * 2 * d + f] > widest {
                        widest = boxes[node * 2 * d + d + f] - boxes[node * 2 * d + f]
                        axis = f
                    }
                    guard widest > 0 else { continue }
                    let middle = (low + high) / 2
                    Self.select(order, p, columns: d, axis: axis, low..<high, nth: middle)
                    left[node] = Int32(addNode(low, middle))
                    right[node] = Int32(addNode(middle, high))
                    pending.append(Int(right[node]))
                    pending.append(Int(left[node]))
                }
            }
        }
        columns = d
        self.points = points
        rows = order
        self.start = start
        self.end = end
        self.left = left
        self.right = right
        self.boxes = boxes
    }

    /// Reorders `range` of the positions (`order` and the rows of `points` together) so that position `nth` holds
    /// the point a full sort by coordinate `axis` would put there, with no greater coordinate before it and no
    /// smaller one after (Hoare's selection, middle pivot).
    static func select(
        _ order: UnsafeMutableBufferPointer<Int32>, _ points: UnsafeMutableBufferPointer<Double>, columns d: Int, axis: Int,
        _ range: Range<Int>, nth: Int
    ) {
        var low = range.lowerBound
        var high = range.upperBound - 1
        while low < high {
            let pivot = points[(low + high) / 2 * d + axis]
            var i = low
            var j = high
            while i <= j {
                while points[i * d + axis] < pivot { i += 1 }
                while points[j * d + axis] > pivot { j -= 1 }
                if i <= j {
                    order.swapAt(i, j)
                    for f in 0..<d { points.swapAt(i * d + f, j * d + f) }
                    i += 1
                    j -= 1
                }
            }
            if nth <= j {
                high = j
            } else if nth >= i {
                low = i
            } else {
                return
            }
        }
    }

    /// Squared distance from `query` to the point at tree position t, summed in feature order.
    @inline(__always)
    func squaredDistance(_ query: UnsafePointer<Double>, _ t: Int, _ p: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for f in 0..<columns {
            let delta = query[f] - p[t * columns + f]
            sum += delta * delta
        }
        return sum
    }

    /// Walks the nodes whose boxes come within ε of `query`, depth first, left before right, starting at `root`.
    /// `node(n, covered)` sees each such node first (`covered`: the whole box is within ε) and says whether to look
    /// inside; inside a leaf, `point(t)` sees every position within ε and says whether to go on. Returns false when
    /// a callback stopped the walk.
    @inline(__always)
    @discardableResult
    func search(
        _ query: UnsafePointer<Double>, radiusSquared: Double, from root: Int = 0,
        node visitNode: (Int, Bool) -> Visit, point visitPoint: (Int) -> Bool
    ) -> Bool {
        guard nodeCount > 0 else { return true }
        let d = columns
        return points.withUnsafeBufferPointer { p in
            boxes.withUnsafeBufferPointer { b in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { stack in
                    stack[0] = Int32(root)
                    var depth = 1
                    while depth > 0 {
                        depth -= 1
                        let n = Int(stack[depth])
                        var gap = 0.0
                        var far = 0.0
                        for f in 0..<d {
                            let low = b[n * 2 * d + f]
                            let high = b[n * 2 * d + d + f]
                            let q = query[f]
                            let below = low - q
                            let above = q - high
                            let g = below > 0 ? below : (above > 0 ? above : 0)
                            gap += g * g
                            let spanLow = q - low
                            let spanHigh = high - q
                            let h = Swift.max(spanLow < 0 ? -spanLow : spanLow, spanHigh < 0 ? -spanHigh : spanHigh)
                            far += h * h
                        }
                        guard gap <= radiusSquared else { continue }
                        switch visitNode(n, far <= radiusSquared) {
                        case .stop: return false
                        case .skip: continue
                        case .descend: break
                        }
                        if left[n] < 0 {
                            for t in Int(start[n])..<Int(end[n]) where squaredDistance(query, t, p) <= radiusSquared {
                                if !visitPoint(t) { return false }
                            }
                        } else {
                            stack[depth] = right[n]
                            stack[depth + 1] = left[n]
                            depth += 2
                        }
                    }
                    return true
                }
            }
        }
    }

    /// Some position under `node` within ε of `query`, or nil.
    func firstWithin(_ query: UnsafePointer<Double>, radiusSquared: Double, under node: Int) -> Int? {
        var found: Int?
        search(query, radiusSquared: radiusSquared, from: node) { n, covered in
            guard covered else { return .descend }
            found = Int(start[n])
            return .stop
        } point: {
            found = $0
            return false
        }
        return found
    }

    /// The row nearest to `query` by squared distance summed in feature order, ties to the lowest row, with that
    /// squared distance. A box is passed over only when its gap exceeds the best distance so far, so a tie in
    /// another box is always seen.
    func nearest(_ query: UnsafePointer<Double>) -> (row: Int, squaredDistance: Double) {
        let d = columns
        var best = Double.infinity
        var bestRow = Int.max
        points.withUnsafeBufferPointer { p in
            boxes.withUnsafeBufferPointer { b in
                func gap(_ n: Int) -> Double {
                    var sum = 0.0
                    for f in 0..<d {
                        let below = b[n * 2 * d + f] - query[f]
                        let above = query[f] - b[n * 2 * d + d + f]
                        let g = below > 0 ? below : (above > 0 ? above : 0)
                        sum += g * g
                    }
                    return sum
                }
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { stack in
                    stack[0] = 0
                    var depth = nodeCount > 0 ? 1 : 0
                    while depth > 0 {
                        depth -= 1
                        let n = Int(stack[depth])
                        guard gap(n) <= best else { continue }
                        if left[n] < 0 {
                            for t in Int(start[n])..<Int(end[n]) {
                                let sum = squaredDistance(query, t, p)
                                let row = Int(rows[t])
                                if sum < best || (sum == best && row < bestRow) {
                                    best = sum
                                    bestRow = row
                                }
                            }
                        } else {
                            // The nearer child is searched first (pushed last).
                            let (l, r) = (left[n], right[n])
                            let leftFirst = gap(Int(l)) <= gap(Int(r))
                            stack[depth] = leftFirst ? r : l
                            stack[depth + 1] = leftFirst ? l : r
                            depth += 2
                        }
                    }
                }
            }
        }
        return (bestRow, best)
    }
}
