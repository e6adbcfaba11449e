import Testing

@testable import Engine

@Suite("Cores the engine uses")
struct CoreCountTests {
    @Test(
        arguments: [
            ("Name:\tcintel\nCpus_allowed_list:\t0-3,8,10-11\nMems_allowed:\t1\n", 7), ("Cpus_allowed_list:\t5\n", 1),
            ("Cpus_allowed_list:\t0-1\n", 2), ("Name:\tcintel\n", nil), ("Cpus_allowed_list:\t3-1\n", nil), ("Cpus_allowed_list:\tx\n", nil),
        ] as [(String, Int?)])
    func theAffinityListIsCounted(status: String, expected: Int?) {
        #expect(CoreCount.allowedCPUs(inStatus: status) == expected)
    }

    @Test(arguments: [("max 100000\n", nil), ("200000 100000\n", 2), ("150000 100000\n", 2), ("50000 100000", 1), ("junk", nil)] as [(String, Int?)])
    func aContainerQuotaIsRoundedUp(cpuMax: String, expected: Int?) {
        #expect(CoreCount.quotaCPUs(cpuMax: cpuMax) == expected)
    }

    @Test func theDetectedCountIsWithinTheMachine() {
        #expect(CoreCount.detected >= 1)
        #expect(activeCoreCount == CoreCount.detected)
    }
}
