import Testing
@testable import CRMCore

@Suite("Activity, ActivityType, Direction and ActivitySource")
struct ActivityTests {
    @Test func activitySourceRoundTripsThroughItsStoredParts() {
        for source in [ActivitySource.manual, .incomingEmail(5), .outgoingEmail(9)] {
            #expect(ActivitySource(type: source.type, id: source.id) == source)
        }
        #expect(ActivitySource.manual.type == "manual")
        #expect(ActivitySource.manual.id == nil)
        #expect(ActivitySource.incomingEmail(5).type == "incoming_email")
        #expect(ActivitySource.incomingEmail(5).id == 5)
        #expect(ActivitySource.outgoingEmail(9).type == "outgoing_email")
        #expect(ActivitySource.outgoingEmail(9).id == 9)
    }

    @Test func activitySourceRefusesUnknownOrIncompleteParts() {
        #expect(ActivitySource(type: "incoming_email", id: nil) == nil)
        #expect(ActivitySource(type: "outgoing_email", id: nil) == nil)
        #expect(ActivitySource(type: "sms", id: 1) == nil)
        #expect(ActivitySource(type: "", id: nil) == nil)
        #expect(ActivitySource(type: "manual", id: 3) == .manual)
    }

    @Test func directionRawValuesAreInAndOut() {
        #expect(Direction.incoming.rawValue == "in")
        #expect(Direction.outgoing.rawValue == "out")
        #expect(Direction(rawValue: "in") == .incoming)
        #expect(Direction(rawValue: "incoming") == nil)
    }

    @Test func manualTypesLeaveOutEmail() {
        #expect(ActivityType.manual == [.call, .meeting, .note])
        #expect(ActivityType.allCases.map(\.rawValue) == ["email", "call", "meeting", "note"])
    }
}
