//! What a [`Mention`] names, as the entities table shows it.
//!
//! A mention carries only indexes (into the gazetteer, or into the
//! document's [`Extraction::unlisted`] entities), so that the pipeline's
//! output stays small and `Copy`. [`Pipeline::entity`] looks the names up
//! for library users, with the same values as the `entities.csv` columns.

use crate::gazetteer::AliasKind;
use crate::pipeline::{Extraction, Pipeline};
use crate::resolve::Mention;

/// The entity a mention names: the `type`, `canonical`, `entity_id`,
/// `form` and `attributes` columns of `entities.csv`.
///
/// ```
/// use evex::{Config, Document, Pipeline};
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let doc = Document::new("d1", "Russian troops crossed into Ukraine.");
/// let out = pipeline.process(&doc);
/// let names: Vec<_> = pipeline
///     .entities(&out)
///     .map(|(m, e)| (&doc.text[m.start as usize..m.end as usize], e.canonical, e.form))
///     .collect();
/// assert_eq!(names, [("Russian", "Russia", "demonym"), ("Ukraine", "Ukraine", "name")]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity<'a> {
    /// `PERSON`, `PLACE`, `ORG`, `WEAPON`… (the gazetteer's type names).
    pub entity_type: &'a str,
    /// The canonical name.
    pub canonical: &'a str,
    /// The stable id (`place/iso-ru`; `unlisted/…` for a name found by an
    /// entity pattern).
    pub id: &'a str,
    /// How the text names it: `name`, `demonym`, `surname`, or for an
    /// unlisted entity the pattern's form (`shape`, `title`).
    pub form: &'a str,
    /// `key=value; …`: the entry's attributes.
    pub attributes: &'a str,
}

impl Pipeline {
    /// The entity that mention `m` of extraction `ex` names.
    pub fn entity<'a>(&'a self, ex: &'a Extraction, m: &Mention) -> Entity<'a> {
        let gaz = self.gazetteer();
        let form = m.kind.form();
        if let Some(u) = ex.unlisted.get(m.unlisted as usize) {
            return Entity {
                entity_type: gaz.type_name(gaz.etype_of(u.entry)),
                canonical: &u.name,
                id: &u.id,
                form: if m.kind == AliasKind::Partial {
                    form
                } else {
                    u.form
                },
                attributes: &u.attributes,
            };
        }
        let entry = gaz.entry(m.entry);
        Entity {
            entity_type: gaz.type_name(entry.etype),
            canonical: &entry.canonical,
            id: &entry.id,
            form,
            attributes: &entry.attributes_text,
        }
    }

    /// The mentions of `ex` that the entities table lists (generic classes
    /// only when [`crate::Config::include_generic`] is set), each with its
    /// entity, in text order.
    pub fn entities<'a>(
        &'a self,
        ex: &'a Extraction,
    ) -> impl Iterator<Item = (&'a Mention, Entity<'a>)> + 'a {
        ex.mentions
            .iter()
            .filter(|m| self.is_reported(ex, m))
            .map(move |m| (m, self.entity(ex, m)))
    }
}
