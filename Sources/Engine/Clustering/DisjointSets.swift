/// Union–find over 0..<count with path halving: the components of DBSCAN's core points and the clusters of a
/// Ward tree's cut.
struct DisjointSets {
    private var parent: [Int]

    init(count: Int) {
        parent = Array(0..<count)
    }

    mutating func root(_ element: Int) -> Int {
        var a = element
        while parent[a] != a {
            parent[a] = parent[parent[a]]
            a = parent[a]
        }
        return a
    }

    /// Makes `child`'s root point at `newRoot` (which must be a root).
    mutating func attach(_ child: Int, to newRoot: Int) {
        parent[root(child)] = newRoot
    }

    /// Puts a and b in one set, rooted at the smaller of their two roots.
    mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (root(a), root(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
