import RealModule

/// A deterministic, realistic-looking retailer for `cintel demo`, tests and benchmarks: customers of a few
/// behavioural kinds buying from a catalogue of products with costs, over 18 months. Purchases follow the BG/NBD
/// story (Poisson buying while alive, a chance of dropping out after each purchase), so every endpoint has
/// something real to find.
public struct DemoRetailer: Sendable {
    public struct Product: Sendable {
        public var id: String
        public var category: String
        public var price: Double
        public var costRatio: Double
    }

    public let today: Day
    public let products: [Product]
    public let customers: [CustomerHistory]
    /// Loyalty-programme points balance over its cap, in [0, 1], per customer (the 4.1.2 `loyalty_score`).
    public let loyaltyScores: [Double]

    /// The kinds of shopper and how they behave: mean days between purchases, chance of dropping out after each
    /// purchase, mean basket value multiplier, and how many categories they browse.
    private struct Persona {
        var share: Double
        var meanGap: Double
        var dropout: Double
        var basket: Double
        var breadth: Int
        var loyalty: Double
    }

    private static let personas: [Persona] = [
        Persona(share: 0.08, meanGap: 9, dropout: 0.01, basket: 2.6, breadth: 8, loyalty: 0.85),  // devoted high spenders
        Persona(share: 0.22, meanGap: 21, dropout: 0.03, basket: 1.2, breadth: 5, loyalty: 0.6),  // regulars
        Persona(share: 0.30, meanGap: 45, dropout: 0.12, basket: 0.9, breadth: 3, loyalty: 0.35),  // occasional
        Persona(share: 0.25, meanGap: 70, dropout: 0.45, basket: 0.7, breadth: 2, loyalty: 0.15),  // one or two visits
        Persona(share: 0.15, meanGap: 30, dropout: 0.08, basket: 4.5, breadth: 2, loyalty: 0.4),  // big-ticket specialists
    ]

    private static let categories = ["electronics", "home", "grocery", "apparel", "beauty", "toys", "sports", "books"]
    private static let categoryPrice: [Double] = [240, 85, 35, 60, 28, 32, 75, 18]
    private static let categoryCost: [Double] = [0.78, 0.55, 0.72, 0.45, 0.4, 0.5, 0.58, 0.6]

    /// - Parameters:
    ///   - customers: how many customers (a few thousand by default).
    ///   - months: length of the history before `today`.
    ///   - today: the snapshot date; fixed so the demo is the same on every machine and day.
    public init(customers count: Int = 3_000, months: Int = 18, today: Day = Day(year: 2025, month: 11, day: 30)!, seed: UInt64 = 20_250_424) {
        var random = SplitMix64(seed: seed)
        self.today = today
        var products: [Product] = []
        for (index, category) in Self.categories.enumerated() {
            for item in 1...8 {
                let price = Self.categoryPrice[index] * (0.5 + random.uniform() * 1.2)
                products.append(
                    Product(
                        id: "P-\(index + 1)\(item < 10 ? "0" : "")\(item)", category: category, price: price,
                        costRatio: min(0.95, Self.categoryCost[index] + (random.uniform() - 0.5) * 0.1)))
            }
        }
        self.products = products
        let start = today.adding(days: -Int(Double(months) * 30.4375))
        let span = Double(start.days(until: today))
        var customers: [CustomerHistory] = []
        var loyalty: [Double] = []
        customers.reserveCapacity(count)
        var transactionNumber = 0
        for index in 0..<count {
            var draw = random.uniform()
            var persona = Self.personas[Self.personas.count - 1]
            for candidate in Self.personas {
                if draw < candidate.share {
                    persona = candidate
                    break
                }
                draw -= candidate.share
            }
            // Favourite categories: a random window of the catalogue's categories.
            let firstCategory = Int(random.uniform() * Double(Self.categories.count))
            // Customers join across the window, more of them early (a maturing customer base).
            let joinOffset = Int(span * Double.pow(random.uniform(), 1.6))
            var day = start.adding(days: joinOffset)
            var transactions: [Transaction] = []
            repeat {
                let basketItems = 1 + Int(random.exponential(mean: 0.6))
                for _ in 0..<basketItems {
                    let category = (firstCategory + Int(random.uniform() * Double(persona.breadth))) % Self.categories.count
                    let product = products[category * 8 + Int(random.uniform() * 8)]
                    let quantity = 1 + Int(random.exponential(mean: 0.4))
                    let amount = (product.price * Double(quantity) * persona.basket * Double.exp(0.25 * random.normal()) * 100).rounded() / 100
                    let cost = (amount * product.costRatio * 100).rounded() / 100
                    transactionNumber += 1
                    transactions.append(
                        Transaction(transactionId: "T-\(transactionNumber)", date: day, amount: amount, cost: cost, productId: product.id))
                }
                if random.uniform() < persona.dropout { break }
                day = day.adding(days: max(1, Int(random.exponential(mean: persona.meanGap).rounded())))
            } while day <= today
            customers.append(CustomerHistory(customerId: "C-\(10_000 + index)", transactions: transactions))
            loyalty.append(min(1, max(0, persona.loyalty + 0.15 * random.normal())))
        }
        self.customers = customers
        self.loyaltyScores = loyalty.map { ($0 * 100).rounded() / 100 }
    }

    public var transactionCount: Int { customers.reduce(0) { $0 + $1.transactions.count } }

    /// The retailer as a customer base to analyse: histories, loyalty indicators and the post-purchase survey.
    public var base: CustomerBase {
        CustomerBase(today: today, customers: customers, loyaltyScores: loyaltyScores, surveyAnswers: surveyAnswers())
    }

    package typealias SurveyAnswer = CustomerBase.SurveyAnswer

    /// The post-purchase survey: 0–10, sent to about a third of the buyers of the last six months a few days after
    /// their last order, more likely high for loyal customers; deterministic for the retailer and `seed`, in date
    /// order (then customer order).
    package func surveyAnswers(seed: UInt64 = 7) -> [SurveyAnswer] {
        var random = SplitMix64(seed: seed)
        let since = today.adding(days: -183)
        var answers: [SurveyAnswer] = []
        for (customer, loyalty) in zip(customers, loyaltyScores) {
            let draw = random.uniform()
            let delay = 1 + Int(random.uniform() * 10)
            let noise = random.normal()
            let online = random.uniform() < 0.55
            guard let last = customer.transactions.map(\.date).max(), last >= since, draw < 0.35 else { continue }
            let date = min(today, last.adding(days: delay))
            let score = min(10, max(0, Int((5.2 + 5 * loyalty + 1.8 * noise).rounded())))
            answers.append(SurveyAnswer(customerId: customer.customerId, score: score, date: date, channel: online ? "online" : "store"))
        }
        return answers.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}
