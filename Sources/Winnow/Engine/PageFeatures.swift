/// The line features that depend on the page: position, blank lines around, distance to the
/// nearest prose line, main prose blocks and story tables.
extension Labeler {
    func lineFeatures(_ lines: [String], blank: [Bool]) -> [LineFeatures] {
        let last = max(1, lines.count - 1)
        // The tables read once a page, not once a line (each read from `rules` retained and
        // released them a line), and the page's non-blank lines counted first and set with the
        // rest of a line's features: no step below reads `pageLines`, and the loop that set it
        // afterwards asked for the array's uniqueness a line (step 602 in docs/performance.md).
        let stopwords = rules.stopwords, shortWords = rules.prefilters?.shortWords, spanRoom = spanRoom
        let pageLines = blank.lazy.filter { !$0 }.count
        var features = lines.indices.map { i in
            guard !blank[i] else { return LineFeatures() }
            var f = LineFeatures(text: lines[i], stopwords: stopwords, shortWords: shortWords, spans: spanRoom)
            f.position = Double(i) / Double(last)
            f.gapBefore = i == 0 || blank[i - 1]
            f.gapAfter = i == lines.count - 1 || blank[i + 1]
            f.pageLines = pageLines
            return f
        }
        setProseDistances(&features, blank: blank)
        markMainBlock(&features, blank: blank)
        Labeler.markStoryLists(&features, lines: lines, blank: blank, leadIn: rules.config.prose.leadInList)
        Labeler.markSplitDates(&features, lines: lines, blank: blank)
        Labeler.markOverCutTitles(&features, lines: lines, blank: blank)
        Labeler.markTeaserBoxes(&features, lines: lines, blank: blank)
        for i in StoryTable.find(lines: lines, features: features, blank: blank) { features[i].tableCell = true }
        return features
    }

    /// Joins prose lines into blocks across gaps of at most `prose.blockGap` non-prose lines and
    /// marks the lines of the main blocks (see `LineFeatures.inMainBlock`).
    /// Lines in `breaks` (a thread's headers) end the block they would join.
    func markMainBlock(_ features: inout [LineFeatures], blank: [Bool], breaks: Set<Int> = []) {
        let prose = rules.config.prose
        // `lines`: the block's non-blank lines; `gap`: non-prose lines since its last prose line;
        // `end`: the number of non-blank lines of the page down to its last line.
        // `afterBreak`: a thread's header stands between the block and the one above it.
        struct Block { var first, last, words, gap, prose, lines, end: Int; var afterBreak = false }
        var blocks: [Block] = []
        var seen = 0
        var broken = false
        for i in features.indices where !blank[i] {
            seen += 1
            features[i].inMainBlock = false
            features[i].inStoryBlock = false
            features[i].aboveMainBlock = 0
            features[i].belowMainBlock = 0
            if breaks.contains(i), !blocks.isEmpty {
                blocks[blocks.count - 1].gap = prose.blockGap + 1
                broken = true
            } else if features[i].proseDistance == 0 {
                if let b = blocks.last, b.gap <= prose.blockGap {
                    blocks[blocks.count - 1].last = i
                    blocks[blocks.count - 1].words += features[i].words
                    blocks[blocks.count - 1].lines += b.gap + 1
                    blocks[blocks.count - 1].gap = 0
                    blocks[blocks.count - 1].prose += 1
                    blocks[blocks.count - 1].end = seen
                } else {
                    blocks.append(Block(first: i, last: i, words: features[i].words, gap: 0, prose: 1, lines: 1, end: seen, afterBreak: broken))
                    broken = false
                }
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].gap += 1
            }
        }
        // The story is the largest block, unless that block is mostly not prose (teaser titles
        // alternating with their blurbs) and a block above it, mostly of prose, holds at least
        // half its words: teasers stand under the story, and a story of short lines (quotes,
        // list entries) above a sidebar's blurbs keeps its place.
        func mostlyProse(_ b: Block) -> Bool { 2 * b.prose >= b.lines }
        let anyTop = blocks.indices.max { blocks[$0].words < blocks[$1].words }
        let proseTop = anyTop.flatMap { t in
            blocks.indices.filter { $0 < t && mostlyProse(blocks[$0]) }.max { blocks[$0].words < blocks[$1].words }
        }
        let top: Int? = if let anyTop, let proseTop, !mostlyProse(blocks[anyTop]), 2 * blocks[proseTop].words >= blocks[anyTop].words {
            proseTop
        } else { anyTop }
        let largest = top.map { blocks[$0].words } ?? 0
        // A dense run of prose (most of its lines prose) is story text even when it is short: a
        // recipe's steps, a second section; teaser text alternates with titles and bylines.
        func dense(_ b: Block) -> Bool {
            prose.denseBlockLines > 0 && b.prose >= prose.denseBlockLines && Double(b.prose) >= prose.denseBlockShare * Double(b.lines)
        }
        // The story ends at the last prose before a run of furniture: below the largest block,
        // a block that furniture keeps more than `mainBlockReach` lines from it is an author
        // bio, a sidebar, teaser blurbs or a thread, not the story, when it has less than half
        // its words or less than half of its own lines are prose (teaser titles alternate with
        // their blurbs; a second part of the story is mostly prose).
        func reached(_ k: Int) -> Bool {
            guard prose.mainBlockReach > 0, let top, k > top else { return true }
            let (block, story) = (blocks[k], blocks[top])
            guard 2 * block.words < largest || 2 * block.prose < block.lines else { return true }
            let between = block.end - block.lines - story.end
            return between <= prose.mainBlockReach
        }
        var isMain = blocks.indices.map { k in
            (Double(blocks[k].words) >= prose.mainBlockShare * Double(largest) && reached(k)) || dense(blocks[k])
        }
        // A long story cut into parts by code, a list or a table goes on under them: a block of
        // mostly prose with `chainWords` or more, at most `chainReach` lines from a main block of
        // the story's run, chained outward from the largest block (never across a thread's header).
        if prose.chainWords > 0, let top {
            func chains(_ b: Block) -> Bool {
                b.words >= prose.chainWords && mostlyProse(b) && b.words >= prose.chainLineWords * b.prose
            }
            func between(_ upper: Int, _ lower: Int) -> Int { blocks[lower].end - blocks[lower].lines - blocks[upper].end }
            var last = top
            for k in blocks.indices where k > top {
                if blocks[k].afterBreak { break }
                if isMain[k] || (chains(blocks[k]) && between(last, k) <= prose.chainReach) { (isMain[k], last) = (true, k) }
            }
            var next = top
            for k in blocks.indices.reversed() where k < top {
                if blocks[k + 1].afterBreak { break }
                if isMain[k] || (chains(blocks[k]) && between(k, next) <= prose.chainUpReach) { (isMain[k], next) = (true, k) }
            }
        }
        for (k, main) in blocks.enumerated() where isMain[k] {
            for i in main.first...main.last {
                features[i].inMainBlock = !blank[i]
                features[i].inStoryBlock = !blank[i] && k <= (top ?? k)
            }
            // The story's headline and byline stand above the largest block or a block above
            // it; over a block below the story stands a teaser title or the story's last furniture.
            if let top, k > top { continue }
            var above = 0
            for i in stride(from: main.first - 1, through: 0, by: -1) where !blank[i] {
                guard !features[i].inMainBlock else { break }
                above += 1
                features[i].aboveMainBlock = above
            }
        }
        markStoryProse(&features, blank: blank)
        guard largest >= prose.minStoryWords, let end = features.indices.last(where: { features[$0].inMainBlock }) else { return }
        var below = 0
        for i in (end + 1)..<features.count where !blank[i] {
            below += 1
            features[i].belowMainBlock = below
        }
    }

    /// Sets `aboveStoryProse` and `belowStoryProse`: for a prose line outside the story's block,
    /// the non-blank lines to the story's block below (above) when the nearest prose line that
    /// way is the story's, with only non-prose lines (a caption, an embed, a photo credit)
    /// between, or is such a line itself at most `prose.blockGap` non-prose lines away (the
    /// paragraphs of a lead cut off together).
    func markStoryProse(_ features: inout [LineFeatures], blank: [Bool]) {
        let gap = rules.config.prose.blockGap
        // `count`: non-blank lines since the story's last line seen, while the chain holds;
        // `since`: non-prose lines since the chain's last prose line; `story`: that line was the story's.
        func sweep(_ order: some Sequence<Int>, _ set: (inout LineFeatures, Int) -> Void) {
            var count: Int?
            var since = 0
            var story = false
            for i in order where !blank[i] {
                set(&features[i], 0)
                guard let c = count else {
                    if features[i].inStoryBlock, features[i].proseDistance == 0 { (count, since, story) = (0, 0, true) }
                    continue
                }
                count = c + 1
                guard features[i].proseDistance == 0 else { since += 1; continue }
                if features[i].inStoryBlock {
                    (count, since, story) = (0, 0, true)
                } else if story || since <= gap {
                    set(&features[i], c + 1)
                    (since, story) = (0, false)
                } else {
                    count = nil
                }
            }
        }
        sweep(features.indices) { $0.belowStoryProse = $1 }
        sweep(features.indices.reversed()) { $0.aboveStoryProse = $1 }
    }

    /// Counts, for every non-blank line, the non-blank lines to the nearest prose line, in two
    /// sweeps (down, then up).
    func setProseDistances(_ features: inout [LineFeatures], blank: [Bool]) {
        let far = features.count
        var distance = far
        for i in features.indices where !blank[i] {
            distance = rules.config.prose.holds(for: features[i]) ? 0 : min(far, distance + 1)
            features[i].proseDistance = distance
        }
        distance = far
        for i in features.indices.reversed() where !blank[i] {
            distance = features[i].proseDistance == 0 ? 0 : min(far, distance + 1)
            features[i].proseDistance = min(features[i].proseDistance, distance)
        }
    }
}
