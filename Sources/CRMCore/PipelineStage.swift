/// One stage of the deal pipeline: how many deals are in it and what they are worth together.
public struct PipelineStage: Sendable, Hashable {
    public let stage: String
    public let count: Int
    /// The sum of the values known, in cents.
    public let valueCents: Int64

    public init(stage: String, count: Int, valueCents: Int64) {
        self.stage = stage
        self.count = count
        self.valueCents = valueCents
    }
}
