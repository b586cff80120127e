//! `evex._evex`: the native half of the `evex` Python package.
//!
//! A thin layer: it converts Python values to [`evex::Document`]s and
//! [`evex::Config`], runs the library with the GIL released, and turns the
//! library's [`evex::emit::MemoryTable`]s into columns (a dict of lists). It has
//! no logic of its own; the idiomatic API (records, pandas, Spark) is the
//! pure-Python package in `python/evex/`.
//!
//! The columns are the CSV writer's own ([`evex::emit::ENTITY_COLUMNS`],
//! [`evex::emit::EVENT_COLUMNS`]) rendered by its row renderers, so a column
//! added there reaches Python with no change here (typed by
//! [`evex::emit::INTEGER_COLUMNS`] and [`evex::emit::FLOAT_COLUMNS`]).

mod arrow;
mod input;

use evex::emit::{
    ENTITY_COLUMNS, EVENT_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, MemoryTable, Value,
};

use evex::ingest::{Options, Reject};
use evex::{Config, Document, Pipeline, extract_tables};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
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
    "A gazetteer, rule or pattern file is wrong; the message starts with `file:line`."
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
        patterns = Vec::new(),
        default_patterns = true,
    ))]
    #[allow(clippy::too_many_arguments)] // Python's keyword arguments
    fn new(
        py: Python<'_>,
        gazetteers: Vec<PathBuf>,
        rules: Vec<PathBuf>,
        default_gazetteers: bool,
        default_rules: bool,
        merge_events: bool,
        include_generic: bool,
        patterns: Vec<PathBuf>,
        default_patterns: bool,
    ) -> PyResult<PyPipeline> {
        let config = Config {
            gazetteers,
            rules,
            patterns,
            default_gazetteers,
            default_rules,
            default_patterns,
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
        let docs = documents(texts, ids, dates)?;
        let pipeline = Arc::clone(&self.inner);
        let tables = py
            .detach(move || extract_tables(&pipeline, &docs, threads))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start threads: {e}")))?;
        Ok((columns(py, &tables.events)?, columns(py, &tables.entities)?))
    }

    /// [`PyPipeline::extract_batch`] with the tables as Arrow buffers
    /// (`arrow.rs`): per column, `(name, type, rows, nulls, validity,
    /// offsets, data)`, the buffers as `bytes` (or `None`).
    #[pyo3(signature = (texts, ids, dates = None, threads = 0))]
    #[allow(clippy::type_complexity)]
    fn extract_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Vec<String>,
        dates: Option<Vec<Option<String>>>,
        threads: usize,
    ) -> PyResult<(Vec<Bound<'py, PyAny>>, Vec<Bound<'py, PyAny>>)> {
        let docs = documents(texts, ids, dates)?;
        let pipeline = Arc::clone(&self.inner);
        let (events, entities) = py
            .detach(move || {
                let t = extract_tables(&pipeline, &docs, threads)
                    .map_err(|e| format!("cannot start threads: {e}"))?;
                Ok::<_, String>((arrow::columns(&t.events)?, arrow::columns(&t.entities)?))
            })
            .map_err(PyRuntimeError::new_err)?;
        Ok((arrow_tuples(py, events)?, arrow_tuples(py, entities)?))
    }

    /// [`PyPipeline::extract_arrow`] for documents in an Arrow string
    /// array, handed over as its buffers (`input.rs`): `rows` values from
    /// value `offset` on, `validity` (or `None`), `offsets` (`offset_width`
    /// 4 or 8 bytes each) and `data`. Without `json_fields` the values are
    /// texts (`ids` and `dates` one per value; null texts skipped); with
    /// it, `(id_fields, text_fields, date_fields)`, they are JSON Lines
    /// records read as the CLI reads them (empty lists: the CLI's
    /// defaults). Returns the events, the entities and the records that
    /// are not documents, as `(reason, detail, doc_id)`.
    #[pyo3(signature = (rows, offset, validity, offsets, offset_width, data, ids = None, dates = None, json_fields = None, threads = 0))]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn extract_arrow_column<'py>(
        &self,
        py: Python<'py>,
        rows: usize,
        offset: usize,
        validity: Option<&[u8]>,
        offsets: &[u8],
        offset_width: usize,
        data: &[u8],
        ids: Option<Vec<String>>,
        dates: Option<Vec<Option<String>>>,
        json_fields: Option<(Vec<String>, Vec<String>, Vec<String>)>,
        threads: usize,
    ) -> PyResult<(
        Vec<Bound<'py, PyAny>>,
        Vec<Bound<'py, PyAny>>,
        Vec<(&'static str, String, Option<String>)>,
    )> {
        if offset_width != 4 && offset_width != 8 {
            return Err(PyValueError::new_err("offset_width must be 4 or 8"));
        }
        let column = input::StringArray {
            rows,
            offset,
            validity,
            offsets,
            offset_width,
            data,
        };
        let pipeline = Arc::clone(&self.inner);
        let (events, entities, rejects) = py
            .detach(move || {
                let (docs, rejects) = match json_fields {
                    Some(fields) => input::json_documents(&column, &json_options(fields))?,
                    None => {
                        let ids = ids.unwrap_or_else(|| (0..rows).map(|i| i.to_string()).collect());
                        (input::text_documents(&column, ids, dates)?, Vec::new())
                    }
                };
                let t = extract_tables(&pipeline, &docs, threads)
                    .map_err(|e| format!("cannot start threads: {e}"))?;
                let rejects: Vec<_> = rejects.into_iter().map(reject_tuple).collect();
                Ok::<_, String>((
                    arrow::columns(&t.events)?,
                    arrow::columns(&t.entities)?,
                    rejects,
                ))
            })
            .map_err(PyValueError::new_err)?;
        Ok((
            arrow_tuples(py, events)?,
            arrow_tuples(py, entities)?,
            rejects,
        ))
    }

    /// Seconds spent loading and compiling the gazetteers and rules.
    #[getter]
    fn load_seconds(&self) -> f64 {
        self.inner.load_seconds()
    }
}

/// A table's Arrow buffers as the Python side takes them: per column,
/// `(name, type, rows, nulls, validity, offsets, data)`.
fn arrow_tuples<'py>(
    py: Python<'py>,
    (rows, columns): (usize, Vec<arrow::Column>),
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let bytes = |b: Option<Vec<u8>>| b.map(|b| PyBytes::new(py, &b));
    columns
        .into_iter()
        .map(|c| {
            let data = PyBytes::new(py, &c.data);
            (
                c.name,
                c.kind.name(),
                rows,
                c.nulls,
                bytes(c.validity),
                bytes(c.offsets),
                data,
            )
                .into_pyobject(py)
                .map(|t| t.into_any())
        })
        .collect()
}

/// The ingest options of a JSON Lines column: the CLI's `--id-field`,
/// `--text-field` and `--date-field` (empty: its defaults).
fn json_options((ids, texts, dates): (Vec<String>, Vec<String>, Vec<String>)) -> Options {
    let defaults = Options::default();
    let or = |given: Vec<String>, default: Vec<String>| {
        if given.is_empty() { default } else { given }
    };
    Options {
        id_fields: or(ids, defaults.id_fields.clone()),
        text_fields: or(texts, defaults.text_fields.clone()),
        date_fields: or(dates, defaults.date_fields.clone()),
        ..defaults
    }
}

/// A record that is not a document, as `(reason, detail, doc_id)`.
fn reject_tuple(r: Reject) -> (&'static str, String, Option<String>) {
    (r.reason.as_str(), r.detail, r.doc_id)
}

/// The documents of a batch call.
fn documents(
    texts: Vec<String>,
    ids: Vec<String>,
    dates: Option<Vec<Option<String>>>,
) -> PyResult<Vec<Document>> {
    if ids.len() != texts.len() {
        return Err(PyValueError::new_err(format!(
            "{} ids for {} texts: give one id per text",
            ids.len(),
            texts.len()
        )));
    }
    let mut dates = dates.unwrap_or_default().into_iter();
    Ok(texts
        .into_iter()
        .zip(ids)
        .map(|(text, id)| Document {
            date: dates.next().flatten(),
            ..Document::new(id, text)
        })
        .collect())
}

/// A table as `{column: values}`. Integer columns without empty cells (the
/// offsets, sentence indexes) are `array.array("q")`: one buffer that
/// numpy, pandas and pyarrow take as int64 without a Python object per
/// value. Other columns are lists (of `str`, `float` or `None`), built in
/// one pass over the rows (the table is stored row by row).
///
/// Python objects are what this costs, so few are made: a value equal to
/// the row above reuses its object; the columns that come from a
/// gazetteer entry ([`MemoryTable::shares_text`]) share one string per entry;
/// short texts (event types, codes, names) are interned.
fn columns<'py>(py: Python<'py>, t: &MemoryTable) -> PyResult<Bound<'py, PyDict>> {
    let names = t.columns();
    let rows = t.rows();
    let width = names.len();
    let ints: Vec<bool> = names
        .iter()
        .enumerate()
        .map(|(c, n)| {
            INTEGER_COLUMNS.contains(n) && (0..rows).all(|r| matches!(t.get(r, c), Value::Int(_)))
        })
        .collect();
    let shared: Vec<bool> = (0..width).map(|c| t.shares_text(c)).collect();
    let mut lists: Vec<Vec<Bound<'py, PyAny>>> = ints
        .iter()
        .map(|&int| Vec::with_capacity(if int { 0 } else { rows }))
        .collect();
    // Per column, the last value and where its object is in the list.
    let mut last: Vec<Option<(Value, usize)>> = vec![None; width];
    // Distinct ranges of the arena are distinct texts.
    let mut by_range: HashMap<(usize, usize), Bound<'py, PyAny>, Hasher> = HashMap::default();
    let mut short: HashMap<&str, Bound<'py, PyAny>, Hasher> = HashMap::default();
    let none = py.None().into_bound(py);
    for r in 0..rows {
        for c in (0..width).filter(|&c| !ints[c]) {
            let v = t.get(r, c);
            let list = &mut lists[c];
            if let Some((lv, at)) = last[c]
                && lv == v
            {
                list.push(list[at].clone());
                continue;
            }
            let obj = match v {
                Value::Null => none.clone(),
                Value::Int(n) => n.into_pyobject(py)?.into_any(),
                Value::Float(x) => x.into_pyobject(py)?.into_any(),
                Value::Text { start, end } => {
                    let text = t.text(v).unwrap_or("");
                    let new = || PyString::new(py, text).into_any();
                    if shared[c] {
                        by_range.entry((start, end)).or_insert_with(new).clone()
                    } else if text.len() <= SHORT_TEXT {
                        short.entry(text).or_insert_with(new).clone()
                    } else {
                        new()
                    }
                }
            };
            last[c] = Some((v, list.len()));
            list.push(obj);
        }
    }
    let array = py.import("array")?.getattr("array")?;
    let dict = PyDict::new(py);
    for (c, (name, list)) in names.iter().zip(lists).enumerate() {
        if ints[c] {
            let mut bytes = Vec::with_capacity(rows * 8);
            for r in 0..rows {
                if let Value::Int(n) = t.get(r, c) {
                    bytes.extend_from_slice(&(n as i64).to_ne_bytes());
                }
            }
            let values = array.call1(("q",))?;
            values.call_method1("frombytes", (PyBytes::new(py, &bytes),))?;
            dict.set_item(name, values)?;
        } else {
            dict.set_item(name, PyList::new(py, list)?)?;
        }
    }
    Ok(dict)
}

/// Texts up to this many bytes are interned while converting a table.
const SHORT_TEXT: usize = 24;

type Hasher = foldhash::fast::RandomState;

#[pymodule]
fn _evex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("ENTITY_FIELDS", ENTITY_COLUMNS.to_vec())?;
    m.add("EVENT_FIELDS", EVENT_COLUMNS.to_vec())?;
    m.add("INTEGER_COLUMNS", INTEGER_COLUMNS.to_vec())?;
    m.add("FLOAT_COLUMNS", FLOAT_COLUMNS.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
