/// An active ISO 4217 alphabetic code with its minor unit (REP-43). Amounts are labelled with it, never converted.
struct Currency: Sendable, Equatable {
    let code: String
    /// Decimals shown for amounts: the minor unit, at most 2; 2 for codes without one (REP-41).
    let decimals: Int

    init?(code: String) {
        guard let minor = Self.minorUnits[code] else { return nil }
        self.code = code
        decimals = min(minor ?? 2, 2)
    }

    /// REP-43's symbols; any other code stands for itself.
    func symbol(in locale: ReportLocale) -> String {
        switch code {
        case "USD": locale == .enUS ? "$" : "US$"
        case "EUR": "€"
        case "GBP": "£"
        case "BRL": "R$"
        case "MXN": locale == .esMX ? "$" : "MX$"
        default: code
        }
    }

    /// ISO 4217 list one (active codes), minor unit nil where the standard gives none (N.A.).
    private static let minorUnits: [String: Int?] = {
        var table: [String: Int?] = [:]
        for code in Self.twoDecimals.split(separator: " ") { table[String(code)] = 2 }
        for code in Self.zeroDecimals.split(separator: " ") { table[String(code)] = 0 }
        for code in Self.threeDecimals.split(separator: " ") { table[String(code)] = 3 }
        for code in ["CLF", "UYW"] { table[code] = 4 }
        for code in Self.noMinorUnit.split(separator: " ") { table[String(code)] = .some(nil) }
        return table
    }()

    private static let twoDecimals = """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW \
        CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR \
        ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV \
        MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD \
        SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG
        """
    private static let zeroDecimals = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
    private static let threeDecimals = "BHD IQD JOD KWD LYD OMR TND"
    private static let noMinorUnit = "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX"
}
