import Foundation

/// An opportunity with a company and/or a contact, moving through stages.
public struct Deal: Sendable, Hashable {
    public let id: Int64
    public let teamID: Int64
    public let name: String
    public let companyID: Int64?
    public let contactID: Int64?
    public let stage: String
    /// The value in minor units (cents), when known.
    public let valueCents: Int64?

    public init(id: Int64, teamID: Int64, name: String, companyID: Int64?, contactID: Int64?,
                stage: String, valueCents: Int64?) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.companyID = companyID
        self.contactID = contactID
        self.stage = stage
        self.valueCents = valueCents
    }

    /// The stage a new deal starts in.
    public static let defaultStage = "lead"

    /// The pipeline's stages in order; a deal may be in another stage (typed on the command line),
    /// which is listed after these.
    public static let stages = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]

    /// Stages where a deal is over: it is not open.
    public static let closedStages: Set<String> = ["won", "lost"]

    /// Whether the deal is still being worked on (not won or lost).
    public var isOpen: Bool { !Deal.closedStages.contains(stage) }

    /// The stage after (`step` 1) or before (-1) this one in `stages`; nil at either end. A stage not
    /// in the list moves to the first.
    public func stage(moving step: Int) -> String? {
        guard let index = Deal.stages.firstIndex(of: stage) else { return Deal.stages.first }
        let next = index + step
        return Deal.stages.indices.contains(next) ? Deal.stages[next] : nil
    }

    /// Where `stage` sorts in the pipeline: the known stages in order, then the rest.
    public static func order(of stage: String) -> Int {
        stages.firstIndex(of: stage) ?? stages.count
    }

    /// Reads "12,500", "12500.50" or "$1,200" as cents; nil when it is not an amount.
    public static func parseValue(_ raw: String) -> Int64? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        text.removeAll { $0 == "," || $0 == "_" || $0 == "$" || $0 == "€" || $0 == "£" }
        // Digits and one point only: Int64 would also take a sign ("-0.50", "1.-5").
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0,
              whole < Int64.max / 1000 else { return nil }
        var cents = whole * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCII),
                  let value = Int64(fraction.count == 1 ? fraction + "0" : String(fraction)) else { return nil }
            cents += value
        }
        return cents
    }
}
