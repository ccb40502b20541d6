import Foundation

/// One exam sitting: a track's exam at one centre at one time.
///
/// The standard's nationally unified sittings are several sittings of the same track at the
/// same time at different centres; each has its own id, capacity and register.
public struct Sitting: Sendable, Hashable, Codable {
    /// e.g. `CCCP-261205-01`: track, date, and a number within that track and day.
    public var id: String
    public var track: String
    /// The curriculum version whose blueprint and rules the sitting uses.
    public var curriculumVersion: Int
    public var startsAt: Date
    /// The time zone of the centre, for showing times.
    public var timeZone: String
    public var durationMinutes: Int
    /// Minutes after the start during which a candidate may still begin.
    public var lateEntryMinutes: Int
    public var centre: String
    public var capacity: Int

    public init(
        id: String, track: String, curriculumVersion: Int, startsAt: Date, timeZone: String, durationMinutes: Int,
        lateEntryMinutes: Int, centre: String, capacity: Int
    ) {
        self.id = id
        self.track = track
        self.curriculumVersion = curriculumVersion
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.durationMinutes = durationMinutes
        self.lateEntryMinutes = lateEntryMinutes
        self.centre = centre
        self.capacity = capacity
    }

    /// The last moment a candidate may begin.
    public var entryClosesAt: Date { startsAt.addingTimeInterval(Double(lateEntryMinutes) * 60) }

    /// The time span a candidate registered here is busy: from the start until the last
    /// possible finish without extra time.
    public var busyInterval: ClosedRange<Date> {
        startsAt...entryClosesAt.addingTimeInterval(Double(durationMinutes) * 60)
    }
}
