/// REP-32: one bubble per cluster (and noise) at (mean frequency, mean spend), radius 4 + 36·√(size ÷ largest),
/// largest drawn first so small bubbles stay on top, each labelled with its cluster number.
enum SpendFrequencyChart {
    static func svg(pack: ReportPack, text: ReportText, phrases: ReportPhrases, id: String) -> String {
        let groups = pack.groups
        var canvas = SVGCanvas(width: 900, height: 420)
        let left = 110.0
        let right = 850.0
        let top = 20.0
        let bottom = 350.0
        let xAxis = NiceAxis(largest: groups.map(\.meanFrequency).max() ?? 0, integral: false)
        let yAxis = NiceAxis(largest: groups.map(\.meanSpend).max() ?? 0, integral: false)
        func x(_ value: Double) -> Double { left + (right - left) * value / xAxis.maximum }
        func y(_ value: Double) -> Double { bottom - (bottom - top) * value / yAxis.maximum }

        for tick in xAxis.ticks {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: bottom, stroke: "#DDDDDD", width: 0.75)
            canvas.text(phrases.format.decimal(tick, digits: xAxis.digits), x: x(tick), y: bottom + 20, anchor: .middle, size: 13)
        }
        for tick in yAxis.ticks {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), stroke: "#DDDDDD", width: 0.75)
            canvas.text(phrases.format.decimal(tick, digits: yAxis.digits), x: left - 8, y: y(tick) + 4, anchor: .end, size: 13)
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom)
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom)

        let largest = Double(groups.map(\.size).max() ?? 1)
        let positions = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.clusterID, $0) })
        let drawOrder = groups.sorted { a, b in a.size != b.size ? a.size > b.size : a.clusterID < b.clusterID }
        for group in drawOrder {
            let radius = 4 + 36 * (Double(group.size) / largest).squareRoot()
            let noise = group.clusterID < 0
            let cx = x(group.meanFrequency)
            let cy = y(group.meanSpend)
            let position = positions[group.clusterID]!
            canvas.circle(cx: cx, cy: cy, r: radius, fill: noise ? "#FFFFFF" : ChartPalette.colour(position: position), dashed: noise)
            // Large bubbles carry their number inside, in a colour with enough contrast; small ones beside them.
            if radius >= 16 && !noise {
                canvas.text(
                    phrases.groupMark(group), x: cx, y: cy + 5, anchor: .middle, size: 14, bold: true, fill: ChartPalette.text(position: position))
            } else {
                canvas.text(phrases.groupMark(group), x: cx + radius + 4, y: cy + 5, size: 14, bold: true)
            }
        }
        canvas.text(text.spendFrequencyChart.xLabel, x: (left + right) / 2, y: bottom + 46, anchor: .middle, size: 14, bold: true)
        canvas.text(text.spendFrequencyChart.yLabel, x: 22, y: (top + bottom) / 2, anchor: .middle, size: 14, bold: true, rotate: -90)
        return canvas.svg(id: id, title: text.spendFrequencyChart.title, desc: text.spendFrequencyChart.desc)
    }
}
