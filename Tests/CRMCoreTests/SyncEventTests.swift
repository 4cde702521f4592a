import Foundation
import Synchronization
import Testing
@testable import CRMCore

@Suite("SyncEvent")
struct SyncEventTests {
    @Test func progressLineIsTheContractShape() {
        let event = SyncEvent.progress(account: "ann@acme.com", phase: .full, done: 3, total: 10)
        #expect(event.jsonLine == #"{"event":"progress","account":"ann@acme.com","phase":"full","done":3,"total":10}"#)
        #expect(SyncPhase.allCases.map(\.rawValue) == ["full", "partial", "backfill", "send"])
        #expect(SyncEvent.progress(account: "a@x.io", phase: .send, done: 0, total: 0).jsonLine
            == #"{"event":"progress","account":"a@x.io","phase":"send","done":0,"total":0}"#)
    }

    @Test func storeChangedLines() {
        #expect(SyncEvent.storeChanged(.mail(account: "a@x.io")).jsonLine
            == #"{"event":"store_changed","what":"mail","account":"a@x.io"}"#)
        #expect(SyncEvent.storeChanged(.mailbox(account: "a@x.io")).jsonLine
            == #"{"event":"store_changed","what":"mailbox","account":"a@x.io"}"#)
        #expect(SyncEvent.storeChanged(.outbox).jsonLine == #"{"event":"store_changed","what":"outbox"}"#)
        #expect(SyncEvent.storeChanged(.contacts).jsonLine == #"{"event":"store_changed","what":"contacts"}"#)
    }

    @Test func outboxLine() {
        #expect(SyncEvent.outboxChanged(id: 42, status: .sending).jsonLine
            == #"{"event":"outbox","id":42,"status":"sending"}"#)
    }

    @Test func failedLines() {
        let failure = SyncFailure(account: "a@x.io", kind: .rateLimited, message: "Gmail asked us to slow down")
        #expect(SyncEvent.failed(failure).jsonLine
            == #"{"event":"failed","account":"a@x.io","kind":"rate_limited","message":"Gmail asked us to slow down"}"#)
        let later = SyncFailure(account: "a@x.io", kind: .sendRefused, message: "say \"when\"",
                                retryAt: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(SyncEvent.failed(later).jsonLine
            == #"{"event":"failed","account":"a@x.io","kind":"send_refused","message":"say \"when\"","retry_at":"2027-01-15T08:00:00Z"}"#)
        #expect(SyncFailure.Kind.allCases.map(\.rawValue)
            == ["needs_login", "rate_limited", "temporary", "permission", "permanent", "send_refused"])
    }

    @Test func caughtUpLine() {
        #expect(SyncEvent.caughtUp(account: "a@x.io").jsonLine == #"{"event":"caught_up","account":"a@x.io"}"#)
    }

    @Test func everyLineIsOneLineOfValidJSON() throws {
        let events: [SyncEvent] = [
            .progress(account: "a@x.io", phase: .backfill, done: 1, total: 2),
            .storeChanged(.mail(account: "a@x.io")),
            .outboxChanged(id: 1, status: .failed),
            .failed(SyncFailure(account: "a@x.io", kind: .temporary, message: "line one\nline two\u{1B}[31m")),
            .caughtUp(account: "a@x.io"),
        ]
        for event in events {
            #expect(!event.jsonLine.contains("\n"))
            let object = try JSONSerialization.jsonObject(with: Data(event.jsonLine.utf8)) as? [String: Any]
            #expect(object?["event"] is String)
        }
    }

    @Test func failureMessagesLoseControlCharactersAndTokens() {
        let failure = SyncFailure(account: "a@x.io", kind: .needsLogin,
                                  message: "bad\u{1B}[2Jtoken ya29.a0AfH6SM and Bearer abc.def\r\nrefresh 1//0gXyz end")
        #expect(failure.message == "bad [2Jtoken [token] and Bearer [token]  refresh [token] end")
    }

    @Test func longFailureMessagesAreCut() {
        let failure = SyncFailure(account: "a@x.io", kind: .temporary, message: String(repeating: "x", count: 1_000))
        #expect(failure.message.count == SyncFailure.maximumMessageLength)
        #expect(failure.message.hasSuffix("…"))
    }

    @Test func eventsCompareByValue() {
        #expect(SyncEvent.caughtUp(account: "a") == .caughtUp(account: "a"))
        #expect(SyncEvent.caughtUp(account: "a") != .caughtUp(account: "b"))
        #expect(SyncEvent.storeChanged(.outbox) != .storeChanged(.contacts))
        #expect(SyncEvent.failed(SyncFailure(account: "a", kind: .permanent, message: "m"))
            == .failed(SyncFailure(account: "a", kind: .permanent, message: "m")))
    }

    @Test func syncControlDefaultsToEveryAccount() {
        final class Recorder: SyncControl {
            let requests = Mutex<[String?]>([])
            func requestSync(account: String?) { requests.withLock { $0.append(account) } }
            func requestSend(account: String) {}
            func stop() {}
        }
        let recorder = Recorder()
        recorder.requestSync()
        recorder.requestSync(account: "a@x.io")
        #expect(recorder.requests.withLock { $0 } == [nil, "a@x.io"])
    }
}
