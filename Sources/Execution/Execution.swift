@_exported import Search
@_exported import SweepConfig
