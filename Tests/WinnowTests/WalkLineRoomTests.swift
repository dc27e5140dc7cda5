import Testing
@testable import Winnow

/// The labeller's room for a walk's lines (`Walk.LineRoom`) grows for a long page and gives the
/// memory back on the next page of common size, so one huge record in a batch does not keep a
/// worker's room at its size for the rest of the run.
@Suite struct WalkLineRoomTests {
    @Test func aRoomGrownForAHugePageShrinksOnTheNext() {
        let room = Walk.LineRoom()
        room.reserve(200)
        #expect(room.capacity >= 200 && room.capacity < 4096)
        room.reserve(1_000_000)
        #expect(room.capacity >= 1_000_000)
        room.reserve(300)
        #expect(room.capacity < 4096)
        // A page of a size the room already fits keeps it (no reallocation a page).
        let kept = room.capacity
        room.reserve(250)
        #expect(room.capacity == kept)
    }
}
