//! HTML form bodies (`application/x-www-form-urlencoded`): a form is flat and carries
//! only text, so what a spec declares in one must be writable and readable as text.

use super::Checker;
use crate::load::at::At;
use crate::load::raw::{DataType, RawCallback, WireForm};
use crate::model::{FieldLocation, Kind, Operation};

/// The form content type's name.
pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

/// Whether a content type names an HTML form (whatever its parameters).
pub(crate) fn is_form(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(FORM))
}

/// A form request's body fields are flat text: no object, map or boolean, and no JSON
/// number form.
pub(crate) fn check_form_request(
    c: &mut Checker<'_>,
    raw: &crate::load::raw::RawOperation,
    op: &Operation,
) {
    for field in op
        .fields
        .iter()
        .filter(|f| f.location == FieldLocation::Body)
    {
        let pos = raw
            .fields
            .keys()
            .find(|k| ***k == field.wire)
            .map_or(raw.method.pos(), At::pos);
        let problem = match &field.kind {
            Kind::Object { .. } | Kind::Map => Some("an object, which a form cannot carry"),
            Kind::Array { .. } => Some("an array, which a form cannot carry"),
            Kind::Boolean => Some("a JSON boolean, which a form cannot carry"),
            _ if field.wire_form == WireForm::Number => {
                Some("written as a JSON number, but every value of a form is text")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            c.error(pos, format!("`{}` is {problem}", field.path)).help = Some(format!(
                "the operation's body is `{FORM}`: its fields are text (`wire: string`, the default)"
            ));
        }
    }
}

/// A form callback is flat text: no `data` object, and its fields are read from strings.
pub(crate) fn check_form_callback(c: &mut Checker<'_>, raw: &At<RawCallback>) {
    if let Some(data) = &raw.data {
        c.error(
            data.pos(),
            "a form callback is flat: its fields are the body, with no object to hold them",
        );
    }
    for (name, field) in &raw.fields {
        let Some(field) = field.ok() else { continue };
        let number = *field.ty.get() == DataType::Number
            || field
                .wire
                .as_ref()
                .is_some_and(|w| *w.get() == WireForm::Number);
        if number {
            c.error(
                name.pos(),
                format!(
                    "`{}` is read as a JSON number, but every value of a form is text",
                    **name
                ),
            )
            .help = Some("declare it `type: string`, or an amount with `wire: string`".into());
        }
    }
}
