import Testing
@testable import Search

/// Building rules from a name and numeric options, as the sweep file does.
@Suite struct EarlyStoppingRuleTests {
    @Test func optionsNotGivenTakeTheirDefaults() throws {
        let asha = try #require(try EarlyStoppingRule.make(name: "asha") as? SuccessiveHalving)
        #expect(asha.minResource == 1 && asha.reductionFactor == 3 && asha.maxResource == nil)
        let median = try #require(try EarlyStoppingRule.make(name: "median") as? MedianStopping)
        #expect(median.warmupSteps == 0 && median.minTrials == 5)
    }

    @Test func ashasFirstRungIsATenthOfTheFullLengthUnlessGiven() throws {
        // The README's digits example: 30 epochs, rungs at 3, 9 and 27.
        let digits = try #require(try EarlyStoppingRule.make(name: "asha", options: ["max_resource": 30]) as? SuccessiveHalving)
        #expect(digits.minResource == 3)
        #expect(digits.rungs(through: 30).map(\.step) == [3, 9, 27])
        #expect(try SuccessiveHalving(maxResource: 81).minResource == 8)
        #expect(try SuccessiveHalving(maxResource: 12).minResource == 1)
        let given = try #require(
            try EarlyStoppingRule.make(name: "asha", options: ["max_resource": 30, "min_resource": 1]) as? SuccessiveHalving)
        #expect(given.minResource == 1)
    }

    @Test func givenOptionsAreUsed() throws {
        let rule = try EarlyStoppingRule.make(
            name: "hyperband", options: ["min_resource": 2, "max_resource": 54, "reduction_factor": 3])
        let hyperband = try #require(rule as? Hyperband)
        #expect(hyperband.minResource == 2 && hyperband.maxResource == 54 && hyperband.brackets.count == 4)
        let patience = try #require(
            try EarlyStoppingRule.make(name: "patience", options: ["patience": 10, "min_delta": 0.01]) as? PatienceStopping)
        #expect(patience.patience == 10 && patience.minDelta == 0.01 && patience.warmupSteps == 0)
    }

    @Test func ruleNamesIgnoreCase() throws {
        #expect(try EarlyStoppingRule.make(name: "ASHA").name == "asha")
    }

    @Test func everyDocumentedOptionIsAccepted() throws {
        // Give each rule every option it documents, with a valid value: none is refused.
        let valid: [String: Double] = [
            "warmup_steps": 2, "min_trials": 3, "min_resource": 1, "reduction_factor": 2, "max_resource": 64,
            "bound": 1.5, "patience": 4, "min_delta": 0.1,
        ]
        for rule in EarlyStoppingRule.allCases {
            let options = Dictionary(uniqueKeysWithValues: rule.options.map { ($0.name, valid[$0.name]!) })
            #expect(try rule.make(options: options).name == rule.rawValue)
        }
    }

    @Test func optionsAndDefaultsAreListedForDocumentation() {
        let table = EarlyStoppingRule.allCases.map { rule in
            "\(rule.rawValue): " + rule.options.map { "\($0.name)=\($0.defaultText)" }.joined(separator: " ")
        }
        #expect(table == [
            "median: warmup_steps=0 min_trials=5",
            "asha: min_resource=max_resource / 10, at least 1 (1 without max_resource) reduction_factor=3 max_resource=none",
            "hyperband: min_resource=1 max_resource=required reduction_factor=3",
            "threshold: bound=required warmup_steps=0",
            "patience: patience=required min_delta=0 warmup_steps=0",
        ])
    }

    @Test func anUnknownRuleIsNamedWithTheNearestRule() {
        #expect(throws: EarlyStoppingError.unknownRule(name: "medain", suggestion: "median")) {
            try EarlyStoppingRule.make(name: "medain")
        }
        #expect(EarlyStoppingError.unknownRule(name: "medain", suggestion: "median").description
            == "unknown early-stopping rule 'medain' (did you mean median?); the rules are median, asha, hyperband, threshold, patience")
    }

    @Test(arguments: [
        ("successive_halving", "asha"), ("bogus", nil),
    ] as [(String, String?)])
    func otherToolsNamesForARuleAreSuggested(name: String, suggestion: String?) {
        #expect(throws: EarlyStoppingError.unknownRule(name: name, suggestion: suggestion)) {
            try EarlyStoppingRule.make(name: name)
        }
    }

    @Test(arguments: [
        // (rule, unknown option, suggestion)
        ("asha", "eta", "reduction_factor"),            // W&B's name
        ("asha", "grace_period", "min_resource"),       // Ray Tune's
        ("median", "n_warmup_steps", "warmup_steps"),   // Optuna's
        ("patience", "min_detla", "min_delta"),         // a typo
        ("threshold", "colour", nil),                   // reported before the missing bound
    ] as [(String, String, String?)])
    func anUnknownOptionIsNamedWithTheOptionProbablyMeant(rule: String, option: String, suggestion: String?) {
        #expect(throws: EarlyStoppingError.unknownOption(rule: rule, option: option, suggestion: suggestion)) {
            try EarlyStoppingRule.make(name: rule, options: [option: 3])
        }
    }

    @Test func theUnknownOptionMessageListsTheRulesOptions() {
        #expect(EarlyStoppingError.unknownOption(rule: "asha", option: "eta", suggestion: "reduction_factor").description
            == "early-stopping rule asha has no option 'eta' (did you mean reduction_factor?); its options are min_resource, reduction_factor, max_resource")
    }

    @Test func aMissingRequiredOptionIsNamedAndExplained() {
        #expect(throws: EarlyStoppingError.missingOption(rule: "hyperband", option: "max_resource")) {
            try EarlyStoppingRule.make(name: "hyperband")
        }
        #expect(EarlyStoppingError.missingOption(rule: "hyperband", option: "max_resource").description
            == "early-stopping rule hyperband needs the option max_resource: the steps a full trial runs; it fixes the number of brackets")
    }

    @Test(arguments: [
        // (rule, options, option at fault, what is required)
        ("asha", ["reduction_factor": 1], "reduction_factor", "an integer of at least 2"),
        ("asha", ["reduction_factor": 2.5], "reduction_factor", "an integer of at least 2"),
        ("asha", ["min_resource": 0], "min_resource", "an integer of at least 1"),
        ("asha", ["min_resource": .nan], "min_resource", "an integer of at least 1"),
        ("asha", ["min_resource": 1e300], "min_resource", "an integer of at least 1 and at most 2^53"),
        ("asha", ["min_resource": 4, "max_resource": 4], "max_resource", "an integer greater than min_resource (4)"),
        ("hyperband", ["max_resource": 1], "max_resource", "an integer of at least 2"),
        ("median", ["min_trials": 0], "min_trials", "an integer of at least 1"),
        ("median", ["warmup_steps": -1], "warmup_steps", "an integer of at least 0"),
        ("threshold", ["bound": .infinity], "bound", "a finite number"),
        ("patience", ["patience": 5, "min_delta": -0.1], "min_delta", "a finite number of at least 0"),
    ] as [(String, [String: Double], String, String)])
    func aValueOutOfRangeNamesTheOptionAndWhatItNeeds(rule: String, options: [String: Double], option: String, requirement: String) {
        do {
            _ = try EarlyStoppingRule.make(name: rule, options: options)
            Issue.record("accepted \(options)")
        } catch let error as EarlyStoppingError {
            guard case .invalidOption(let r, let o, _, let q) = error else { Issue.record("\(error)"); return }
            #expect(r == rule && o == option && q == requirement)
        } catch { Issue.record("\(error)") }
    }

    @Test func theInvalidValueMessageReadsAsASentence() {
        #expect(EarlyStoppingError.invalidOption(rule: "asha", option: "reduction_factor", value: 1.5,
                                                 requirement: "an integer of at least 2").description
            == "early-stopping rule asha: reduction_factor must be an integer of at least 2, got 1.5")
    }

    @Test func swiftInitializersCheckLikeTheFactory() {
        #expect(throws: EarlyStoppingError.invalidOption(rule: "asha", option: "reduction_factor", value: 1,
                                                         requirement: "an integer of at least 2")) {
            try SuccessiveHalving(reductionFactor: 1)
        }
        #expect(throws: EarlyStoppingError.invalidOption(rule: "patience", option: "patience", value: 0,
                                                         requirement: "an integer of at least 1")) {
            try PatienceStopping(patience: 0)
        }
    }
}
