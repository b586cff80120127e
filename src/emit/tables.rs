//! The tables a run can write (`--tables`).

/// One output table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Table {
    /// `events.csv`: one row per event.
    Events,
    /// `entities.csv`: one row per entity mention.
    Entities,
    /// `rejects.csv`: inputs that did not become documents.
    Rejects,
    /// `entity_counts.csv`: one row per entity per document.
    #[value(name = "entity_counts")]
    EntityCounts,
    /// `event_groups.csv`: events across documents, grouped.
    #[value(name = "event_groups")]
    EventGroups,
    /// `documents.csv`: each document's text and metadata (not written
    /// unless asked for).
    Documents,
}

impl Table {
    /// The tables written when `--tables` is not given.
    pub const DEFAULT: &'static [Table] = &[
        Table::Events,
        Table::Entities,
        Table::Rejects,
        Table::EntityCounts,
        Table::EventGroups,
    ];

    /// The file name without extension, and the sheet name in a workbook.
    pub fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Entities => "entities",
            Table::Rejects => "rejects",
            Table::EntityCounts => "entity_counts",
            Table::EventGroups => "event_groups",
            Table::Documents => "documents",
        }
    }
}
