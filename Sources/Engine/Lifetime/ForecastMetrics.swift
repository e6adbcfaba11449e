/// CLV-25: how well predictions ŷ match holdout values y — error size (MAE, RMSE), ranking (normalised Gini,
/// Spearman) and aggregate bias.
package struct ForecastMetrics: Sendable, Equatable {
    package var mae: Double
    package var rmse: Double
    package var normalizedGini: Double?
    package var spearman: Double?
    package var totalPredicted: Double
    package var totalActual: Double
    package var totalBias: Double?

    package init(predicted ŷ: [Double], actual y: [Double]) {
        let n = Double(y.count)
        var absolute = 0.0
        var squared = 0.0
        for i in y.indices {
            absolute += abs(ŷ[i] - y[i])
            squared += (ŷ[i] - y[i]) * (ŷ[i] - y[i])
        }
        mae = absolute / n
        rmse = (squared / n).squareRoot()
        totalPredicted = ŷ.reduce(0, +)
        totalActual = y.reduce(0, +)
        totalBias = totalActual == 0 ? nil : (totalPredicted - totalActual) / totalActual
        let ideal = Self.gini(y, y)
        normalizedGini = totalActual <= 0 || ideal == 0 ? nil : Self.gini(ŷ, y) / ideal
        spearman = Self.pearson(Self.averageRanks(ŷ), Self.averageRanks(y))
    }

    /// G(z): customers by z descending, each group of equal z carrying its mean y, then
    /// (1/n)·Σ (Y_i/Σy − i/n) over the cumulative sums Y_i.
    static func gini(_ z: [Double], _ y: [Double]) -> Double {
        let n = y.count
        // Ties keep request order, so every implementation sums a group in the same order.
        let order = z.indices.sorted { z[$0] > z[$1] || (z[$0] == z[$1] && $0 < $1) }
        let total = y.reduce(0, +)
        var cumulative = 0.0
        var sum = 0.0
        var g = 0
        while g < n {
            var end = g
            var groupTotal = 0.0
            while end < n && z[order[end]] == z[order[g]] {
                groupTotal += y[order[end]]
                end += 1
            }
            let mean = groupTotal / Double(end - g)
            for i in g..<end {
                cumulative += mean
                sum += cumulative / total - Double(i + 1) / Double(n)
            }
            g = end
        }
        return sum / Double(n)
    }

    /// Ranks 1…n, ties sharing their mean rank.
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var g = 0
        while g < order.count {
            var end = g
            while end < order.count && values[order[end]] == values[order[g]] { end += 1 }
            let rank = Double(g + 1 + end) / 2
            for i in g..<end { ranks[order[i]] = rank }
            g = end
        }
        return ranks
    }

    /// Pearson's correlation; nil when either side is constant.
    package static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
        let n = Double(a.count)
        let meanA = a.reduce(0, +) / n
        let meanB = b.reduce(0, +) / n
        var saa = 0.0
        var sbb = 0.0
        var sab = 0.0
        for i in a.indices {
            saa += (a[i] - meanA) * (a[i] - meanA)
            sbb += (b[i] - meanB) * (b[i] - meanB)
            sab += (a[i] - meanA) * (b[i] - meanB)
        }
        guard saa > 0, sbb > 0 else { return nil }
        return sab / (saa * sbb).squareRoot()
    }
}
