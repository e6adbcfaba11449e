import ServiceLifecycle
import UnixSignals

/// Reloads the key file on SIGHUP, the conventional "re-read your configuration" signal.
struct KeyReloadService: Service {
    let keys: KeyStore

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            try? keys.reload()
        }
    }
}
