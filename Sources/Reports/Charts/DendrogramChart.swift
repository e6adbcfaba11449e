/// REP-33 … REP-35: the truncated Ward tree, leaves equally spaced in SciPy's order, each merge a U-shaped link at
/// its height, and the dashed cut line.
enum DendrogramChart {
    struct Tree {
        var merges: [(node: Int, left: Int, right: Int, height: Double)]
        var leaves: [(node: Int, label: String)]
        var cutHeight: Double?
        var cutLabel: String?
        /// Per leaf position, the colour of its segment below the cut (HIER-13), nil for black links.
        var leafColours: [String]?
    }

    static func svg(pack: ReportPack, text: ReportText, phrases: ReportPhrases, id: String) -> String? {
        guard let view = pack.dendrogram else { return nil }
        let tree = Tree(
            merges: view.merges.map { ($0.node, $0.left, $0.right, $0.height) },
            leaves: view.leaves.map { leaf in
                (leaf.node, leaf.customerID.map { MarkupText.shortened($0, limit: 16) } ?? "(\(phrases.format.count(leaf.size)))")
            }, cutHeight: view.cutHeight, cutLabel: text.dendrogramChart.cutLabel)
        return draw(tree, title: text.dendrogramChart.title, desc: text.dendrogramChart.desc, yLabel: text.dendrogramChart.yLabel, id: id) {
            phrases.format.decimal($0, digits: $1)
        }
    }

    static func draw(
        _ tree: Tree, title: String, desc: String, yLabel: String, id: String, standalone: Bool = false, tick: (Double, Int) -> String
    ) -> String {
        var canvas = SVGCanvas(width: 900, height: 420)
        let left = 90.0
        let right = 880.0
        let top = 20.0
        let bottom = 290.0
        let axis = NiceAxis(largest: tree.merges.map(\.height).max() ?? 0, integral: false)
        func y(_ height: Double) -> Double { bottom - (bottom - top) * height / axis.maximum }
        let spacing = (right - left) / Double(max(tree.leaves.count, 1))

        for value in axis.ticks {
            canvas.line(x1: left - 5, y1: y(value), x2: left, y2: y(value))
            canvas.text(tick(value, axis.digits), x: left - 8, y: y(value) + 4, anchor: .end, size: 13)
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom)
        canvas.text(yLabel, x: 20, y: (top + bottom) / 2, anchor: .middle, size: 13, bold: true, rotate: -90)

        // Positions: leaves by display order, merges centred over their children, in linkage order.
        var position: [Int: (x: Double, height: Double)] = [:]
        var colour: [Int: String] = [:]
        for (index, leaf) in tree.leaves.enumerated() {
            let x = left + spacing * (Double(index) + 0.5)
            position[leaf.node] = (x, 0)
            if let colours = tree.leafColours { colour[leaf.node] = colours[index] }
            canvas.text(leaf.label, x: x + 4, y: bottom + 8, anchor: .end, size: min(12, spacing * 0.8), rotate: -90)
        }
        for merge in tree.merges {
            guard let a = position[merge.left], let b = position[merge.right] else { continue }
            let shared = colour[merge.left] != nil && colour[merge.left] == colour[merge.right]
            let stroke = shared && (tree.cutHeight.map { merge.height < $0 } ?? false) ? colour[merge.left]! : "#000000"
            canvas.polyline([(a.x, y(a.height)), (a.x, y(merge.height)), (b.x, y(merge.height)), (b.x, y(b.height))], stroke: stroke)
            position[merge.node] = ((a.x + b.x) / 2, merge.height)
            if shared { colour[merge.node] = colour[merge.left] }
        }
        if let cut = tree.cutHeight {
            canvas.line(x1: left, y1: y(cut), x2: right, y2: y(cut), stroke: ChartPalette.cut, width: 2, dashed: true)
            if let label = tree.cutLabel { canvas.text(label, x: right, y: y(cut) - 6, anchor: .end, size: 13, bold: true) }
        }
        return canvas.svg(id: id, title: title, desc: desc, standalone: standalone)
    }
}
