extension Goal {
    /// How bad a value is, as a number to sort ascending: the loss (`value` to minimize,
    /// `−value` to maximize), with NaN mapped to +∞ so that NaN ranks as the worst value —
    /// level with the worst infinity (+∞ to minimize, −∞ to maximize), never better.
    func badness(_ value: Double) -> Double {
        value.isNaN ? .infinity : loss(value)
    }

    /// The value whose badness is `badness`: the inverse of `badness` for numbers.
    func value(ofBadness badness: Double) -> Double {
        self == .minimize ? badness : -badness
    }
}
