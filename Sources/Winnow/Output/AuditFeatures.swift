extension LineFeatures {
    /// The line's features as `winnow audit` shows them, named as rule conditions name them
    /// (docs/rules.md, "Conditions"; `words` is tested by `min_words` / `max_words`,
    /// `above_main_block` by `max_above_main_block`, and so on), in the conditions' order: a
    /// reader sees why a condition held or did not.
    public var auditFields: [(name: String, value: JSONValue)] {
        [
            ("words", .int(words)),
            ("chars", .int(chars)),
            ("links", .int(links)),
            ("stopword_ratio", .number(stopwordRatio)),
            ("ends_with_punctuation", .bool(endsWithPunctuation)),
            ("caps_ratio", .number(capsRatio)),
            ("title_ratio", .number(titleRatio)),
            ("position", .number(position)),
            ("gap_before", .bool(gapBefore)),
            ("gap_after", .bool(gapAfter)),
            ("prose_distance", .int(proseDistance)),
            ("main_block", .bool(inMainBlock)),
            ("story_block", .bool(inStoryBlock)),
            ("above_main_block", .int(aboveMainBlock)),
            ("below_main_block", .int(belowMainBlock)),
            ("above_story_prose", .int(aboveStoryProse)),
            ("below_story_prose", .int(belowStoryProse)),
            ("above_byline", .int(aboveByline)),
            ("below_list_heading", .int(belowListHeading)),
            ("layout_header", .bool(layoutHeader)),
            ("table_cell", .bool(tableCell)),
            ("story_list", .bool(storyList)),
            ("split_date", .bool(splitDate)),
            ("over_cut_title", .bool(overCutTitle)),
            ("teaser_box", .bool(teaserBox)),
            ("page_lines", .int(pageLines)),
        ]
    }
}
