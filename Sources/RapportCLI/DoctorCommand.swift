import CRMCore
import Foundation

/// `rapport doctor [--json]`: what is wrong with this setup and how to fix it; exit 1 when something is.
enum DoctorCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["doctor"], summary: "what is wrong with this setup and how to fix it (exit 1 when something is)",
                    options: [.flag("--json", "{\"ok\", \"findings\": [{\"check\", \"status\", \"message\", \"fix\"}]}")],
                    run: doctor),
    ]

    static func doctor(_ run: Invocation) throws {
        let user = try run.actingUser()
        let findings = try Doctor(run: run, store: try run.store(), user: user).findings()
        let problems = findings.filter(\.isProblem)
        if run.wantsJSON {
            run.printJSON(.object([
                ("ok", .bool(problems.isEmpty)),
                ("findings", .array(findings.map { finding in
                    .object([("check", .string(finding.check)), ("status", .string(finding.isProblem ? "problem" : "ok")),
                             ("message", .string(run.safe(finding.message))), ("fix", finding.fix.map { .string($0) } ?? .null)])
                })),
            ]))
        } else {
            for finding in findings {
                run.print(finding.fix.map { "PROBLEM \(finding.check): \(run.safe(finding.message)); fix: \(run.safe($0))" }
                          ?? "ok      \(finding.check): \(run.safe(finding.message))")
            }
            if problems.isEmpty { run.print("Nothing needs fixing.") }
        }
        if !problems.isEmpty { throw CommandFailed() }
    }
}
