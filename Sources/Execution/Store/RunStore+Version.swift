import GRDB

extension RunStore {
    /// The last transition's and the last metric point's row ids: every change of a trial
    /// (state, attempt, objective) writes a transition and every report a metric point, so a
    /// view of the run is current while both stay the same. Two indexed reads, however many
    /// trials the run has (the dashboard's `/live?since=`).
    public func changeCounters() throws(RunStoreError) -> (transitions: Int64, metrics: Int64) {
        try read { db in
            (try Int64.fetchOne(db, sql: "SELECT max(id) FROM transition") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT max(id) FROM metric") ?? 0)
        }
    }
}
