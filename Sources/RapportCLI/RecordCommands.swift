import CRMCore
import CRMStore
import Foundation

/// `company add`, `deal add`.
enum RecordCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["company", "add"], summary: "add a company",
                    options: [
                        .value("--name", "N", "its name", required: true),
                        .value("--domain", "D", "its web or mail domain, e.g. acme.com"),
                        .json,
                    ], run: addCompany),
        CommandSpec(["deal", "add"], summary: "add a deal",
                    options: [
                        .value("--name", "N", "what the deal is", required: true),
                        .value("--company", "ID", "the company's id"),
                        .value("--contact", "ID", "the main contact's id"),
                        .value("--stage", "S", "its stage (default lead)"),
                        .value("--value", "V", "its value, e.g. 12500 or 12,500.00"),
                        .json,
                    ], run: addDeal),
    ]

    static func addCompany(_ run: Invocation) throws {
        var domain: String?
        if let text = run.arguments.value("--domain") {
            guard let normalized = Company.normalizedDomain(text) else {
                throw UsageError("--domain wants a domain such as acme.com, not “\(text)”", command: "company add")
            }
            domain = normalized
        }
        let user = try run.actingUser()
        let company = try run.store().addCompany(name: run.arguments.value("--name")!, domain: domain, by: user)
        if run.wantsJSON {
            run.printJSON(ContractJSON.company(company))
        } else {
            run.print("Added company \(company.id): \(run.safe(company.name))"
                      + (company.domain.map { " (\($0))" } ?? ""))
        }
    }

    static func addDeal(_ run: Invocation) throws {
        let args = run.arguments
        func id(_ name: String) throws -> Int64? {
            guard let text = args.value(name) else { return nil }
            guard let id = Int64(text), id > 0 else {
                throw UsageError("\(name) wants an id (a positive number), not “\(text)”", command: "deal add")
            }
            return id
        }
        var cents: Int64?
        if let text = args.value("--value") {
            guard let value = Deal.parseValue(text) else {
                throw UsageError("--value wants an amount such as 12500 or 12,500.00, not “\(text)”",
                                 command: "deal add")
            }
            cents = value
        }
        let companyID = try id("--company")
        let contactID = try id("--contact")
        let user = try run.actingUser()
        let deal = try run.store().addDeal(name: args.value("--name")!, companyID: companyID, contactID: contactID,
                                           stage: args.value("--stage"), valueCents: cents, by: user)
        if run.wantsJSON {
            run.printJSON(ContractJSON.deal(deal))
        } else {
            run.print("Added deal \(deal.id): \(run.safe(deal.name)) (\(deal.stage)"
                      + (deal.valueCents.map { ", " + Format.money($0) } ?? "") + ")")
        }
    }
}
