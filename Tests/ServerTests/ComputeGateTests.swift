import Engine
import Foundation
import Testing

@testable import Server

@Suite("Compute gate: bound and deadline (SRV-1)")
struct ComputeGateTests {
    @Test func aComputationBeyondTheBoundIsRefusedAtOnceAndItsSlotComesBack() async throws {
        let held = HeldComputation()
        let gate = ComputeGate(limit: 1, deadlineSeconds: 60, clock: ManualDeadlineClock())
        let first = Task { try await gate.run { held.run() } }
        #expect(await held.waitUntilStarted())
        #expect(gate.isSaturated)
        await #expect(throws: ServiceError.overloaded) { try await gate.run { EndpointAnswer(mediaType: EndpointAnswer.json, bytes: []) } }
        held.release()
        #expect(try await first.value.bytes == HeldComputation.answerBytes)
        #expect(!gate.isSaturated)
        let next = try await gate.run { EndpointAnswer(mediaType: EndpointAnswer.json, bytes: [1]) }
        #expect(next.bytes == [1])
    }

    @Test func aComputationPastItsDeadlineIsAnsweredAtOnceButKeepsItsSlotUntilItEnds() async throws {
        let held = HeldComputation()
        let clock = ManualDeadlineClock()
        let gate = ComputeGate(limit: 1, deadlineSeconds: 5, clock: clock)
        let running = Task { try await gate.run { held.run() } }
        #expect(await held.waitUntilStarted())
        clock.advance(seconds: 5.001)
        await #expect(throws: ServiceError.deadlineExceeded(seconds: 5)) { try await running.value }
        // The computation still runs: its slot stays taken, so the bound stays honest about the CPU in use.
        #expect(gate.isSaturated)
        await #expect(throws: ServiceError.overloaded) { try await gate.run { EndpointAnswer(mediaType: EndpointAnswer.json, bytes: []) } }
        held.release()
        #expect(await becomesFree(gate))
    }

    @Test func aComputationThatEndsAfterItsDeadlineIsAnsweredAsSuchEvenBeforeItsTimerFires() async throws {
        let clock = ManualDeadlineClock()
        let gate = ComputeGate(limit: 1, deadlineSeconds: 5, clock: clock)
        await #expect(throws: ServiceError.deadlineExceeded(seconds: 5)) {
            try await gate.run {
                clock.advance(seconds: 6, firingTimers: false)
                return EndpointAnswer(mediaType: EndpointAnswer.json, bytes: [])
            }
        }
        #expect(!gate.isSaturated)
    }

    @Test func aComputationWithinItsDeadlineIsAnswered() async throws {
        let clock = ManualDeadlineClock()
        let gate = ComputeGate(limit: 1, deadlineSeconds: 5, clock: clock)
        let answer = try await gate.run {
            clock.advance(seconds: 4.9)
            return EndpointAnswer(mediaType: EndpointAnswer.json, bytes: [7])
        }
        #expect(answer.bytes == [7])
    }

    /// The slot is given back on the computation's own thread, just after it ends: wait for that, a minute at most.
    private func becomesFree(_ gate: ComputeGate) async -> Bool {
        for _ in 0..<6_000 where gate.isSaturated { try? await Task.sleep(for: .milliseconds(10)) }
        return !gate.isSaturated
    }
}
