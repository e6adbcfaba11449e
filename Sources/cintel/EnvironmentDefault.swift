import ArgumentParser
import Foundation

/// An option's default taken from an environment variable. Unset or empty means the built-in default; anything else
/// must read as a value the option itself accepts, or the command stops: a deployment with `CINTEL_PORT=abc` must
/// not quietly listen on 8080.
struct EnvironmentDefault<Value: Sendable>: Sendable {
    let variable: String
    let builtIn: Value
    /// What the variable and the option must hold, as a refusal says it: "an integer from 1 to 65535".
    let expected: String
    let parse: @Sendable (String) -> Value?
    let accepts: @Sendable (Value) -> Bool

    /// The variable's value, or the built-in default when it is unset or empty; nil when it holds junk.
    func value(in environment: [String: String] = ProcessInfo.processInfo.environment) -> Value? {
        guard let text = environment[variable], !text.isEmpty else { return builtIn }
        return parse(text).flatMap { accepts($0) ? $0 : nil }
    }

    /// The option's default: junk falls back to the built-in default here, so that `--help` still prints, and is
    /// refused by `refuseJunk` before the command runs.
    var optionDefault: Value { value() ?? builtIn }

    /// Stops the command when the variable holds junk: one line on standard error and status 2, a usage error.
    func refuseJunk(in environment: [String: String] = ProcessInfo.processInfo.environment) throws(ExitCode) {
        guard value(in: environment) == nil, let text = environment[variable] else { return }
        FileHandle.standardError.write(Data("cintel: \(variable) must be \(expected), got '\(text)'\n".utf8))
        throw ExitCode(2)
    }

    /// Refuses an option value the variable would not be allowed to hold, in the same words.
    func check(_ value: Value, option: String) throws {
        guard accepts(value) else { throw ValidationError("\(option) must be \(expected), got '\(value)'") }
    }
}

extension EnvironmentDefault where Value: ExpressibleByArgument {
    /// A variable read as the option reads its argument, then held to `accepts`.
    init(_ variable: String, default builtIn: Value, expected: String, accepts: @escaping @Sendable (Value) -> Bool = { _ in true }) {
        self.init(variable: variable, builtIn: builtIn, expected: expected, parse: { Value(argument: $0) }, accepts: accepts)
    }
}

extension EnvironmentDefault where Value: ExpressibleByArgument & CaseIterable {
    /// A variable naming one of the option's values.
    init(_ variable: String, default builtIn: Value) {
        self.init(variable, default: builtIn, expected: "one of " + Value.allValueStrings.joined(separator: ", "))
    }
}

/// Any `EnvironmentDefault`, whatever its value type, so that a command refuses junk in all of its variables at once.
protocol EnvironmentVariable: Sendable {
    func refuseJunk(in environment: [String: String]) throws(ExitCode)
}

extension EnvironmentDefault: EnvironmentVariable {}
