import Foundation
import GmailAPI
import GmailSimulator
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The whole sign-in against the simulator's consent and token endpoints: the browser following
/// Google's redirect to the loopback listener, the pasted address for SSH users, a wrong state.
@Suite struct OAuthSimulatorFlowTests {
    /// What the "browser" does with the consent link.
    enum Browser: Sendable { case followsRedirect, isElsewhere, forgesState }

    /// Plays the person at the terminal and their browser.
    final class TestPrompt: OAuthPrompt {
        let browser: Browser
        let pastes = Mutex<[String]>([])
        let notices = Mutex<[String]>([])

        init(browser: Browser) { self.browser = browser }

        func present(authorizationURL: URL, redirectURI: String) {
            switch browser {
            case .followsRedirect:
                Thread.detachNewThread { _ = Self.get(authorizationURL, followRedirects: true) }
            case .isElsewhere:
                // The browser loads Google's page, which redirects to a 127.0.0.1 address it cannot reach.
                let location = Self.get(authorizationURL, followRedirects: false) ?? ""
                pastes.withLock { $0 = ["http://127.0.0.1:1/?state=stale&code=old", " \"\(location)\" "] }
            case .forgesState:
                // Another local user answers the listener first; then the person's browser comes back.
                Thread.detachNewThread {
                    _ = Self.get(URL(string: redirectURI + "/?state=forged&code=stolen")!, followRedirects: true)
                    _ = Self.get(URL(string: redirectURI + "/?code=stolen")!, followRedirects: true)
                    _ = Self.get(authorizationURL, followRedirects: true)
                }
            }
        }

        func readPastedLine(cancellation: OAuthCancellation) -> String? {
            while !cancellation.isCancelled {
                if let line = pastes.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return line }
                usleep(50_000)
            }
            return nil
        }

        func notice(_ message: String) { notices.withLock { $0.append(message) } }

        /// A GET; returns the Location of a redirect when not following it.
        static func get(_ url: URL, followRedirects: Bool) -> String? {
            final class NoRedirects: NSObject, URLSessionTaskDelegate {
                func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                                newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
                    completionHandler(nil)
                }
            }
            let session = followRedirects ? URLSession(configuration: .ephemeral)
                : URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
            let done = DispatchSemaphore(value: 0)
            let location = Mutex<String?>(nil)
            session.dataTask(with: url) { _, response, _ in
                location.withLock { $0 = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Location") }
                done.signal()
            }.resume()
            _ = done.wait(timeout: .now() + 10)
            return location.withLock { $0 }
        }
    }

    private func flow(_ simulator: GmailSimulator, base: URL, store: CredentialStore) -> OAuthFlow {
        let configuration = OAuthConfiguration(clientID: simulator.configuration.clientID,
                                               clientSecret: simulator.configuration.clientSecret,
                                               authorizationURL: base.appendingPathComponent("o/oauth2/v2/auth"),
                                               tokenURL: base.appendingPathComponent("token"))
        var flow = OAuthFlow(configuration: configuration, transport: CurlTransport(), store: store)
        flow.timeout = 20
        return flow
    }

    private func setUp() throws -> (GmailSimulator, URL, CredentialStore, URL) {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = nil
        let simulator = try GmailSimulator(configuration: configuration)
        simulator.addAccount(email: SimulatorFixture.email)
        let base = try simulator.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)")
        return (simulator, base, CredentialStore(folder: folder.path), folder)
    }

    private func verifier(_ base: URL) -> OAuthFlow.AccountVerifier {
        { tokens throws(GmailError) in
            try GmailClient(baseURL: base, transport: CurlTransport(), tokens: tokens).profile().emailAddress
        }
    }

    @Test func browserRedirectToLoopbackThenExchangeStoreAndRefresh() throws {
        let (simulator, base, store, folder) = try setUp()
        defer {
            simulator.stop()
            try? FileManager.default.removeItem(at: folder)
        }
        let credentials = try flow(simulator, base: base, store: store)
            .signIn(email: SimulatorFixture.email, apiBase: base, prompt: TestPrompt(browser: .followsRedirect),
                    verifyAccount: verifier(base))
        #expect(credentials.email == SimulatorFixture.email)
        let file = folder.appendingPathComponent(try CredentialStore.fileName(for: SimulatorFixture.email))
        let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let folderMode = (try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(folderMode == 0o700)

        // Later, from the stored credentials: the access token runs out and is refreshed.
        let stored = try #require(try store.load(SimulatorFixture.email))
        let tokens = TokenManager(credentials: stored, store: store, transport: CurlTransport())
        let client = GmailClient(baseURL: base, transport: CurlTransport(), tokens: tokens)
        simulator.expireAccessTokens()
        #expect(try client.profile().emailAddress == SimulatorFixture.email)
        let grants = simulator.requestLog.filter { $0.method == .token }.map(\.status)
        #expect(grants.count >= 2 && grants.allSatisfy { $0 == 200 })
    }

    @Test func aPastedAddressCompletesTheSignInAndAStaleOneIsRefused() throws {
        let (simulator, base, store, folder) = try setUp()
        defer {
            simulator.stop()
            try? FileManager.default.removeItem(at: folder)
        }
        let prompt = TestPrompt(browser: .isElsewhere)
        let credentials = try flow(simulator, base: base, store: store)
            .signIn(email: SimulatorFixture.email, apiBase: base, prompt: prompt, verifyAccount: verifier(base))
        #expect(credentials.refreshToken.isEmpty == false)
        #expect(prompt.notices.withLock { $0.count } == 1)
        #expect(try store.load(SimulatorFixture.email) != nil)
    }

    @Test func aWrongStateAtTheListenerIsIgnoredAndTheRightRedirectStillSignsIn() throws {
        let (simulator, base, store, folder) = try setUp()
        defer {
            simulator.stop()
            try? FileManager.default.removeItem(at: folder)
        }
        let credentials = try flow(simulator, base: base, store: store)
            .signIn(email: SimulatorFixture.email, apiBase: base, prompt: TestPrompt(browser: .forgesState),
                    verifyAccount: verifier(base))
        #expect(credentials.email == SimulatorFixture.email)
        #expect(try store.load(SimulatorFixture.email) != nil)
        // Only the right code was exchanged: "stolen" would have been refused with 400 invalid_grant.
        let exchanges = simulator.requestLog.filter { $0.method == .token }.map(\.status)
        #expect(!exchanges.isEmpty && exchanges.allSatisfy { $0 == 200 })
    }
}
