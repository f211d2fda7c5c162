import Testing
@testable import Execution

@Suite("Metrics from printed lines")
struct MetricPatternTests {
    func standard(_ text: String, line: Int = 0) -> [MetricPoint] {
        MetricPattern.standard.points(in: FileLine(number: line, text))
    }

    @Test("name=value and name: value, several to a line")
    func standardPairs() {
        #expect(standard("epoch 3: loss=0.41 acc=0.9", line: 5)
                == [MetricPoint(step: 5, name: "loss", value: 0.41), MetricPoint(step: 5, name: "acc", value: 0.9)])
        #expect(standard("val/loss: 1e-3, lr = .5; top-1=-2.5E+2")
                == [MetricPoint(step: 0, name: "val/loss", value: 0.001), MetricPoint(step: 0, name: "lr", value: 0.5),
                    MetricPoint(step: 0, name: "top-1", value: -250)])
    }

    @Test("a step pair sets the step of the line's other points")
    func stepPair() {
        #expect(standard("step=12 loss=0.3", line: 40) == [MetricPoint(step: 12, name: "loss", value: 0.3)])
    }

    @Test("nan and inf in any case are values")
    func nonFinite() {
        let points = standard("loss=nan grad=INF x=-Infinity")
        #expect(points.map(\.name) == ["loss", "grad", "x"])
        #expect(points[0].value.isNaN && points[1].value == .infinity && points[2].value == -.infinity)
    }

    @Test("clock times, versions, words and percentages are not metrics",
          arguments: ["time: 12:30:01", "version=1.2.3", "status: ok", "acc=90%", "lr=1e", "x=info", "http://host:80/a",
                      "epoch 3/10", "a==1", "", "===", "loss=0.3abc"])
    func notMetrics(_ text: String) {
        #expect(standard(text).isEmpty, "\(text)")
    }

    @Test("names must start a token: a suffix of a longer word is not a name")
    func tokenBoundary() {
        #expect(standard("(loss=0.5) [acc=0.7] |f1: 0.2|") .map(\.name) == ["loss", "acc", "f1"])
        #expect(standard("x.loss=1").map(\.name) == ["x.loss"])
        #expect(standard("é=1").isEmpty)
    }

    @Test("tqdm-style progress lines yield their metrics")
    func tqdm() {
        let points = standard("100%|██████████| 10/10 [00:01<00:00,  9.1it/s, loss=0.312, acc=0.88]")
        #expect(points.map(\.name) == ["loss", "acc"])
    }

    @Test("a custom pattern with name and value groups; Python's (?P<…>) spelling works")
    func namedGroups() throws {
        let pattern = try MetricPattern(regex: #"(?P<name>\w+) -> (?P<value>[-\d.e]+)"#, metric: "loss")
        #expect(pattern.points(in: FileLine(number: 2, "loss -> 0.5, acc -> 0.75"))
                == [MetricPoint(step: 2, name: "loss", value: 0.5), MetricPoint(step: 2, name: "acc", value: 0.75)])
    }

    @Test("a custom pattern with one group gives values of the --metric")
    func singleGroup() throws {
        let pattern = try MetricPattern(regex: #"validation error ([0-9.]+)"#, metric: "val_err")
        #expect(pattern.points(in: FileLine(number: 8, "epoch 2 validation error 0.125"))
                == [MetricPoint(step: 8, name: "val_err", value: 0.125)])
        #expect(pattern.points(in: FileLine(number: 9, "nothing here")).isEmpty)
    }

    @Test("a custom pattern may carry the step and use lookbehind")
    func stepGroup() throws {
        let pattern = try MetricPattern(regex: #"it (?<step>\d+).*(?<=loss )(?<value>\S+)"#, metric: "loss")
        #expect(pattern.points(in: FileLine(number: 0, "it 300 train loss 1.25")) == [MetricPoint(step: 300, name: "loss", value: 1.25)])
    }

    @Test("unusable patterns are refused with a message naming the pattern")
    func badPatterns() {
        #expect(throws: MetricPatternError.self) { try MetricPattern(regex: "(unclosed", metric: "m") }
        do {
            _ = try MetricPattern(regex: #"(\w+)=(\d+)"#, metric: "m")
            Issue.record("accepted two unnamed groups")
        } catch {
            #expect(error.description.contains("(\\w+)=(\\d+)"))
        }
        #expect(throws: MetricPatternError.self) { try MetricPattern(regex: "loss", metric: "m") }
    }

    @Test("non-numeric captures are skipped")
    func nonNumericCapture() throws {
        let pattern = try MetricPattern(regex: #"loss (\S+)"#, metric: "loss")
        #expect(pattern.points(in: FileLine(number: 0, "loss pending")).isEmpty)
    }
}
