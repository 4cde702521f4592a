/// What the demo team and its contacts write about: each topic has several subjects (most name the
/// company, so one salesperson's threads with different customers read differently), who opens the
/// thread, the first two messages, and the file that goes with it, if any.
struct DemoTopic {
    /// Who writes first.
    enum Opener {
        case contact, owner
    }

    /// A file one of the first two messages carries.
    struct File {
        /// The name, with "{company}" and "{number}" filled in.
        let name: String
        let kind: DemoFiles.Kind
        /// Whether the opening message carries it (else the answer does).
        let withOpening: Bool
    }

    /// Subjects with "{company}" and "{number}" to fill in.
    let subjects: [String]
    let opener: Opener
    let opening: String
    let answer: String
    let file: File?

    static let all: [DemoTopic] = [
        DemoTopic(subjects: ["{company}: pricing for next year", "Price list for {company}", "Enterprise tier pricing — {company}"],
                  opener: .contact,
                  opening: "Could you send the updated price list for the enterprise tier? We are planning the budget for next year and need the numbers by the end of the month.",
                  answer: "Of course. The enterprise tier stays at the same per-seat price; volume discounts start at 200 seats. The full sheet is attached.",
                  file: File(name: "Price list 2027.csv", kind: .priceList, withOpening: false)),
        DemoTopic(subjects: ["Pilot results at {company}", "{company} pilot: what we learned", "Wider rollout after the {company} pilot"],
                  opener: .contact,
                  opening: "The pilot went well on our side; the team wants to discuss a wider rollout to the two other warehouses.",
                  answer: "That's great news. Shall we set up a call with your operations leads next week to plan the rollout?",
                  file: nil),
        DemoTopic(subjects: ["Renewal of the {company} contract", "{company} renewal: a two-year term?", "Contract renewal for {company}"],
                  opener: .contact,
                  opening: "Our contract ends next quarter. What would a two-year renewal look like?",
                  answer: "A two-year term comes with a 10% discount and the support add-on included. The proposal is attached.",
                  file: File(name: "Renewal proposal {company}.pdf", kind: .proposal, withOpening: false)),
        DemoTopic(subjects: ["Notes from our call with {company}", "Follow-up: intro call with {company}", "Next steps for {company}"],
                  opener: .owner,
                  opening: "Thanks for the call today. As promised, the notes and the next steps we agreed on are attached.",
                  answer: "Thank you for the notes. We'll review them internally and come back with questions by Thursday.",
                  file: File(name: "Call notes.txt", kind: .notes, withOpening: true)),
        DemoTopic(subjects: ["Security questionnaire for {company}", "{company} vendor review: security questions", "Vendor security review ({company})"],
                  opener: .contact,
                  opening: "Attached is our vendor security questionnaire; can you fill it in by Friday?",
                  answer: "Our security team is on it; you'll have the answers and our SOC 2 report by Thursday.",
                  file: File(name: "Vendor security questionnaire.csv", kind: .questionnaire, withOpening: true)),
        DemoTopic(subjects: ["Onboarding sessions for {company}", "Scheduling the {company} onboarding", "{company} onboarding: dates"],
                  opener: .contact,
                  opening: "Can we book the onboarding sessions for the week of the 14th?",
                  answer: "The 14th and 16th work for us, 10:00 to 12:00 each day. I'll send invitations.",
                  file: nil),
        DemoTopic(subjects: ["Question about invoice {number}", "{company} invoice {number}: line 4", "Invoice {number}"],
                  opener: .contact,
                  opening: "Finance asked about line 4 on the last invoice; is that the support add-on?",
                  answer: "Yes, line 4 is the premium support add-on you chose in March. Happy to walk finance through it.",
                  file: nil),
        DemoTopic(subjects: ["Reporting demo for the {company} ops team", "A demo of the reporting module for {company}"],
                  opener: .contact,
                  opening: "The operations leads would like a demo of the reporting module. Do you have time next week?",
                  answer: "Happy to. Tuesday at 14:00 or Wednesday at 10:00? The demo takes about 45 minutes.",
                  file: nil),
        DemoTopic(subjects: ["Revised quote for {company}", "Quote {number} with the training package", "{company}: updated quote"],
                  opener: .contact,
                  opening: "Could you revise the quote to include the training package?",
                  answer: "Here is the revised quote with the training package; the total changes by 4%.",
                  file: File(name: "Quote {number}.pdf", kind: .quote, withOpening: false)),
        DemoTopic(subjects: ["Reference customers for {company}?", "Someone in our industry to talk to"],
                  opener: .contact,
                  opening: "Do you have a customer in our industry we could talk to?",
                  answer: "Yes, two of our logistics customers are happy to take a call. I'll introduce you.",
                  file: nil),
        DemoTopic(subjects: ["How is the rollout going at {company}?", "Checking in on {company}'s rollout"],
                  opener: .owner,
                  opening: "Just checking in: how are the first weeks going? Anything we can help with before the training?",
                  answer: "Going well so far. Two teams are live; the third starts next Monday.",
                  file: nil),
        DemoTopic(subjects: ["Quarterly review with {company}", "{company} QBR: agenda", "Agenda for our quarterly review"],
                  opener: .owner,
                  opening: "Ahead of our quarterly review, here is the agenda. Anything you would like to add?",
                  answer: "Looks good. Could we add ten minutes on the reporting roadmap?",
                  file: File(name: "QBR agenda.txt", kind: .agenda, withOpening: true)),
        DemoTopic(subjects: ["Reports not loading at {company}", "Urgent: sync errors at {company}", "{company}: dashboard is slow"],
                  opener: .contact,
                  opening: "Since this morning several reports do not load for our team. Could someone look into it?",
                  answer: "Sorry about that. Support found the cause and rolled out a fix an hour ago; could you check again?",
                  file: nil),
        DemoTopic(subjects: ["Would {company} join a case study?", "A customer story with {company}"],
                  opener: .owner,
                  opening: "Your results this year were impressive. Would you be open to a short case study we publish together?",
                  answer: "In principle yes. Let me check with our marketing team and come back to you.",
                  file: nil),
    ]

    /// What a contact writes later in a thread.
    static let contactFollowUps = [
        "Thanks, that helps. One more question: could we also cover this in the next call?",
        "Great, I've shared this with the team. We'll come back to you by Friday.",
        "Could you send that as a PDF for our procurement team?",
        "Works for us. Can we pencil in Thursday at 10:00?",
        "Thanks! Quick follow-up: does this include the support hours?",
        "Our finance team has signed off. What are the next steps?",
    ]

    /// What the salesperson writes later in a thread.
    static let ownerFollowUps = [
        "Good question; I'll bring the details to the call.",
        "Happy to. I've sent an invitation for Thursday.",
        "Noted — I'll update the proposal and send it over tomorrow.",
        "Thanks for the quick answer. I'll loop in our solutions engineer.",
        "Sounds good. I'll keep you posted.",
    ]
}
