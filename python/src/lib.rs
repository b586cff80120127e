//! `evex._evex`: the native half of the `evex` Python package.
//!
//! A thin layer: it converts Python values to [`evex::Document`]s and
//! [`evex::Config`], runs the library with the GIL released, and turns the
//! library's [`evex::emit::Table`]s into columns (a dict of lists). It has
//! no logic of its own; the idiomatic API (records, pandas, Spark) is the
//! pure-Python package in `python/evex/`.
//!
//! The columns are the CSV writer's own ([`evex::emit::ENTITY_COLUMNS`],
//! [`evex::emit::EVENT_COLUMNS`]) rendered by its row renderers, so a column
//! added there reaches Python with no change here.

use evex::emit::{ENTITY_COLUMNS, EVENT_COLUMNS, INTEGER_COLUMNS, OFFSET_COLUMNS, Table, Value};
use evex::tables::extract_tables;
use evex::{Config, Document, Pipeline};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The extension allocates the same small strings as the CLI; mimalloc
/// serves them faster than the system allocator (README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    _evex,
    ConfigError,
    PyValueError,
    "A gazetteer or rule file is wrong; the message starts with `file:line`."
);

/// A compiled evex pipeline (gazetteers, automaton, rules), shared by all
/// threads.
#[pyclass(frozen, name = "Pipeline", module = "evex._evex")]
struct PyPipeline {
    inner: Arc<Pipeline>,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (
        gazetteers = Vec::new(),
        rules = Vec::new(),
        default_gazetteers = true,
        default_rules = true,
        merge_events = true,
        include_generic = false,
    ))]
    fn new(
        py: Python<'_>,
        gazetteers: Vec<PathBuf>,
        rules: Vec<PathBuf>,
        default_gazetteers: bool,
        default_rules: bool,
        merge_events: bool,
        include_generic: bool,
    ) -> PyResult<PyPipeline> {
        let config = Config {
            gazetteers,
            rules,
            default_gazetteers,
            default_rules,
            merge_events,
            include_generic,
        };
        let pipeline = py
            .detach(|| Pipeline::new(&config))
            .map_err(|e| ConfigError::new_err(e.to_string()))?;
        Ok(PyPipeline {
            inner: Arc::new(pipeline),
        })
    }

    /// Extracts `texts` (with `ids` and `dates`) on `threads` threads (0:
    /// all cores) and returns `(events, entities)`, each a dict from column
    /// name to a list of values.
    #[pyo3(signature = (texts, ids, dates = None, threads = 0))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Vec<String>,
        dates: Option<Vec<Option<String>>>,
        threads: usize,
    ) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
        if ids.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} ids for {} texts: give one id per text",
                ids.len(),
                texts.len()
            )));
        }
        let mut dates = dates.unwrap_or_default().into_iter();
        let docs: Vec<Document> = texts
            .into_iter()
            .zip(ids)
            .map(|(text, id)| Document {
                date: dates.next().flatten(),
                ..Document::new(id, text)
            })
            .collect();
        let pipeline = Arc::clone(&self.inner);
        let tables = py
            .detach(move || extract_tables(&pipeline, &docs, threads))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start threads: {e}")))?;
        Ok((columns(py, &tables.events)?, columns(py, &tables.entities)?))
    }

    /// Seconds spent loading and compiling the gazetteers and rules.
    #[getter]
    fn load_seconds(&self) -> f64 {
        self.inner.load_seconds()
    }
}

/// A table as `{column: [value, ...]}`. Text cells that share a range of
/// the table's arena (the columns that come from one gazetteer entry) share
/// one Python string.
fn columns<'py>(py: Python<'py>, t: &Table) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let mut seen: HashMap<(usize, usize), Bound<'py, PyAny>> = HashMap::new();
    for (c, name) in t.all_columns().iter().enumerate() {
        seen.clear();
        let mut values = Vec::with_capacity(t.rows());
        for r in 0..t.rows() {
            let v = t.get(r, c);
            let obj = match v {
                Value::Null => py.None().into_bound(py),
                Value::Int(n) => n.into_pyobject(py)?.into_any(),
                Value::Text { start, end } => seen
                    .entry((start, end))
                    .or_insert_with(|| PyString::new(py, t.text(v).unwrap_or("")).into_any())
                    .clone(),
            };
            values.push(obj);
        }
        dict.set_item(name, PyList::new(py, values)?)?;
    }
    Ok(dict)
}

/// Field names of the records: the table's columns and the character
/// offsets.
fn fields(columns: &'static [&'static str]) -> Vec<String> {
    let mut t = Table::new(columns);
    t.add_char_offsets(0, "");
    t.all_columns()
}

#[pymodule]
fn _evex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("ENTITY_FIELDS", fields(ENTITY_COLUMNS))?;
    m.add("EVENT_FIELDS", fields(EVENT_COLUMNS))?;
    m.add("INTEGER_COLUMNS", INTEGER_COLUMNS.to_vec())?;
    m.add("OFFSET_COLUMNS", OFFSET_COLUMNS.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
