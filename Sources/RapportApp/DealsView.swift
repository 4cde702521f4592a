import CRMCore
import TerminalUI

/// The Deals tab: the pipeline by stage (how many deals, what they are worth), then every deal in
/// stage order with its value.
struct DealsView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        let stages = state.pipeline
        let (top, rest) = rect.splitTop(min(max(3, rect.height / 2), stages.count + 2))
        let pipeline = Frame(title: "Pipeline").render(into: &buffer, rect: top)
        if !pipeline.isEmpty {
            if stages.isEmpty {
                buffer.write("No deals yet: add one with rapport deal add.", x: pipeline.x + 1, y: pipeline.y, role: .dim,
                             limit: pipeline.maxX)
            }
            for (index, stage) in stages.enumerated() where index < pipeline.height {
                let line = TextWidth.pad(SafeText.line(stage.stage), to: 12) + " "
                    + TextWidth.pad(String(stage.count), to: 4) + " " + TimelineView.money(stage.valueCents)
                buffer.write(line, x: pipeline.x + 1, y: pipeline.y + index,
                             role: Deal.closedStages.contains(stage.stage) ? .dim : .normal, limit: pipeline.maxX)
            }
        }
        let inner = Frame(title: "Deals (\(state.deals.count))", focused: true).render(into: &buffer, rect: rest)
        guard !inner.isEmpty, !state.deals.isEmpty else { return }
        let stageWidth = min(12, max(8, inner.width / 5))
        let valueWidth = inner.width >= 50 ? 12 : 0
        state.dealList.render(into: &buffer, rect: inner) { buffer, index, row, _ in
            let deal = state.deals[index]
            var x = row.x + 1
            buffer.write(padded: SafeText.line(deal.stage), x: x, y: row.y, columns: stageWidth, role: .dim)
            x += stageWidth + 1
            if valueWidth > 0 {
                buffer.write(padded: deal.valueCents.map(TimelineView.money) ?? "—", x: x, y: row.y, columns: valueWidth,
                             role: .normal)
                x += valueWidth + 1
            }
            buffer.write(padded: SafeText.line(deal.name), x: x, y: row.y, columns: max(0, row.maxX - x),
                         role: deal.isOpen ? .normal : .dim)
        }
    }
}
