import Foundation

/// How many cores the engine's parallel loops use: the CPUs this process may run on (its affinity list), capped by a
/// container's CPU quota (cgroup v2 `cpu.max`). The processor count alone overstates both: a container limited to two
/// CPUs on a 64-core host would otherwise start 64 workers that the quota then throttles.
package enum CoreCount {
    /// Read once per process, from `/proc/self/status` and `/sys/fs/cgroup/cpu.max`.
    package static let detected: Int = {
        let online = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let allowed = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)).flatMap(allowedCPUs(inStatus:))
        let quota = (try? String(contentsOfFile: "/sys/fs/cgroup/cpu.max", encoding: .utf8)).flatMap(quotaCPUs(cpuMax:))
        return max(1, min(online, allowed ?? online, quota ?? online))
    }()

    /// The number of CPUs in the `Cpus_allowed_list:` line of `/proc/self/status` ("0-3,8,10-11" is 7); nil without one.
    package static func allowedCPUs(inStatus status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        var count = 0
        for range in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = range.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, bounds.count <= 2, high >= low else { return nil }
            count += high - low + 1
        }
        return count > 0 ? count : nil
    }

    /// The CPUs a cgroup v2 `cpu.max` ("QUOTA PERIOD", or "max PERIOD" for no limit) allows, rounded up; nil without
    /// a limit.
    package static func quotaCPUs(cpuMax: String) -> Int? {
        let fields = cpuMax.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), quota > 0, period > 0 else { return nil }
        return max(1, Int((quota / period).rounded(.up)))
    }
}
