/// REP-31: one horizontal bar per cluster (noise last), length ∝ size on a count axis, labelled with the cluster
/// number and persona name, and with size and share.
enum ClusterSizeChart {
    static func svg(pack: ReportPack, text: ReportText, phrases: ReportPhrases, id: String) -> String {
        let groups = pack.groups
        var canvas = SVGCanvas(width: 900, height: 420)
        let left = 300.0
        let right = 800.0
        let top = 16.0
        let bottom = 360.0
        let axis = NiceAxis(largest: Double(groups.map(\.size).max() ?? 0), integral: true)
        let rowHeight = (bottom - top) / Double(max(groups.count, 1))
        let barHeight = min(34, rowHeight * 0.7)
        let fontSize = min(15, max(9, rowHeight * 0.5))
        func x(_ value: Double) -> Double { left + (right - left) * value / axis.maximum }

        for tick in axis.ticks {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: bottom, stroke: "#BBBBBB", width: 0.75)
            canvas.text(phrases.format.count(Int(tick)), x: x(tick), y: bottom + 20, anchor: .middle, size: 13)
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom)
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom)
        for (position, group) in groups.enumerated() {
            let centre = top + rowHeight * (Double(position) + 0.5)
            let noise = group.clusterID < 0
            canvas.rect(
                x: left, y: centre - barHeight / 2, width: max(x(Double(group.size)) - left, 1), height: barHeight,
                fill: noise ? "#FFFFFF" : ChartPalette.colour(position: position), dashed: noise)
            let label = "\(phrases.groupMark(group)) · \(MarkupText.shortened(phrases.groupName(group), limit: 32))"
            canvas.text(label, x: left - 8, y: centre + fontSize * 0.35, anchor: .end, size: fontSize)
            let value = phrases.catalog.text(
                "chart.sizes.value", ["size": phrases.format.count(group.size), "share": phrases.format.percent(group.share, digits: 1)])
            canvas.text(value, x: x(Double(group.size)) + 6, y: centre + fontSize * 0.35, size: fontSize)
        }
        canvas.text(text.sizesChart.xLabel, x: (left + right) / 2, y: bottom + 46, anchor: .middle, size: 14, bold: true)
        return canvas.svg(id: id, title: text.sizesChart.title, desc: text.sizesChart.desc)
    }
}
