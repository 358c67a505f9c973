//! The differences of what the provider sends and shares: answers, statuses, the
//! callback, the documented fields of answers and callbacks, reference lists.

use super::{Changes, Class, shape};
use crate::model::{DataField, Spec};

pub(super) fn answers(c: &mut Changes<'_>, old: &Spec, new: &Spec) {
    let (Some(a), Some(b)) = (&old.answers, &new.answers) else {
        if old.answers.is_some() != new.answers.is_some() {
            c.push("answers", &[Class::Wire], "how answers are read changed");
        }
        return;
    };
    let read = |x: &crate::model::Answers| {
        shape(&(
            &x.code,
            &x.accepted,
            &x.message,
            &x.data,
            &x.rejected_on,
            &x.unlisted_quote,
        ))
    };
    if read(a) != read(b) {
        c.push(
            "answers",
            &[Class::Wire],
            "the result code, the accepted codes or the payload changed",
        );
    }
    for (code, meaning, _) in &a.codes {
        match b.codes.iter().find(|(k, _, _)| k == code) {
            None => c.push(
                format!("answers.codes.{code}"),
                &[Class::Wire],
                "no longer a documented rejection: it now reads as unknown",
            ),
            Some((_, m, _)) if m != meaning => c.push(
                format!("answers.codes.{code}"),
                &[Class::Wire],
                format!("its meaning {meaning:?} -> {m:?}"),
            ),
            Some(_) => {}
        }
    }
    for (code, _, _) in b
        .codes
        .iter()
        .filter(|(k, _, _)| !a.codes.iter().any(|(o, _, _)| o == k))
    {
        c.push(
            format!("answers.codes.{code}"),
            &[Class::Wire],
            "a newly documented rejection: it was read as unknown, it is now rejected",
        );
    }
    c.doc("answers.note", a.note.as_deref(), b.note.as_deref());
}

pub(super) fn statuses(c: &mut Changes<'_>, old: &Spec, new: &Spec) {
    let (Some(a), Some(b)) = (&old.statuses, &new.statuses) else {
        if old.statuses.is_some() != new.statuses.is_some() {
            c.push(
                "statuses",
                &[Class::Breaking, Class::Wire],
                "the status table is added or removed",
            );
        }
        return;
    };
    if a.field != b.field {
        c.push(
            "statuses.field",
            &[Class::Wire],
            format!("{} -> {}", a.field, b.field),
        );
    }
    for (code, name, state, doc) in &a.values {
        let path = format!("statuses.values.{code}");
        match b.values.iter().find(|v| v.0 == *code) {
            None => c.push(
                path,
                &[Class::Breaking, Class::Wire],
                format!("`PayoutStatus::{name}` is removed"),
            ),
            Some((_, n, s, d)) => {
                if n != name {
                    c.push(
                        path.clone(),
                        &[Class::Breaking],
                        format!("`PayoutStatus::{name}` is renamed `{n}`"),
                    );
                }
                if s != state {
                    c.push(
                        path.clone(),
                        &[Class::Wire],
                        format!("it now means {s:?}, not {state:?}"),
                    );
                }
                c.doc(&format!("{path}.doc"), doc.as_deref(), d.as_deref());
            }
        }
    }
    for (code, name, _, _) in b
        .values
        .iter()
        .filter(|v| !a.values.iter().any(|o| o.0 == v.0))
    {
        c.push(
            format!("statuses.values.{code}"),
            &[Class::Looser],
            format!("a new status, `PayoutStatus::{name}` (it read as `Unlisted({code})`)"),
        );
    }
    c.doc("statuses.note", a.note.as_deref(), b.note.as_deref());
}

pub(super) fn callback(c: &mut Changes<'_>, old: &Spec, new: &Spec) {
    let (Some(a), Some(b)) = (&old.callback, &new.callback) else {
        if old.callback.is_some() != new.callback.is_some() {
            c.push(
                "callback",
                &[Class::Breaking, Class::Wire],
                "the callback is added or removed",
            );
        }
        return;
    };
    let plan = |x: &crate::model::CallbackDef| {
        shape(&(
            &x.nonce_header,
            &x.fixed_headers,
            &x.merchant_order_no,
            &x.platform_order_no,
            &x.reply_content_type,
            &x.reply_body,
        ))
    };
    if plan(a) != plan(b) {
        c.push(
            "callback",
            &[Class::Wire],
            "its headers, order numbers or reply changed",
        );
    }
    data_fields(c, "callback.fields", &a.fields, &b.fields);
    c.doc("callback.doc", a.doc.as_deref(), b.doc.as_deref());
    c.doc("callback.note", a.note.as_deref(), b.note.as_deref());
}

/// The documented fields of an answer or callback: members of a generated struct.
pub(crate) fn data_fields(c: &mut Changes<'_>, at: &str, old: &[DataField], new: &[DataField]) {
    for f in old {
        let path = format!("{at}.{}", f.name);
        match new.iter().find(|n| n.name == f.name) {
            None => c.push(
                path,
                &[Class::Breaking, Class::Wire],
                format!("member `{}` is removed", f.rust),
            ),
            Some(n) => {
                if n.rust != f.rust {
                    c.push(
                        path.clone(),
                        &[Class::Breaking],
                        format!("member `{}` is renamed `{}`", f.rust, n.rust),
                    );
                }
                if n.nullable != f.nullable || shape(&n.kind) != shape(&f.kind) || n.form != f.form
                {
                    c.push(
                        path.clone(),
                        &[Class::Breaking, Class::Wire],
                        "its type or JSON form changed",
                    );
                }
                c.doc(&format!("{path}.doc"), f.doc.as_deref(), n.doc.as_deref());
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|f| f.name == n.name)) {
        c.push(
            format!("{at}.{}", n.name),
            &[Class::Looser, Class::Wire],
            format!("a new member `{}` (it was kept in `extra`)", n.rust),
        );
    }
}

pub(super) fn references(c: &mut Changes<'_>, old: &Spec, new: &Spec) {
    for a in &old.references {
        let path = format!("reference.{}", a.name);
        let Some(b) = new.references.iter().find(|r| r.name == a.name) else {
            c.push(
                path,
                &[Class::Breaking],
                format!("the list `{}` is removed", a.ident),
            );
            continue;
        };
        let removed = a
            .entries
            .iter()
            .filter(|e| !b.entries.iter().any(|n| n.key == e.key))
            .count();
        let added = b
            .entries
            .iter()
            .filter(|e| !a.entries.iter().any(|o| o.key == e.key))
            .count();
        let changed = a
            .entries
            .iter()
            .filter(|e| {
                b.entries
                    .iter()
                    .any(|n| n.key == e.key && n.values != e.values)
            })
            .count();
        if removed > 0 || changed > 0 {
            c.push(
                path.clone(),
                &[Class::Stricter],
                format!("{removed} entries removed, {changed} with other values: a check over the list may now refuse what passed"),
            );
        }
        if added > 0 {
            c.push(
                path.clone(),
                &[Class::Looser],
                format!("{added} entries added"),
            );
        }
        if a.source != b.source {
            c.push(
                format!("{path}.source"),
                &[Class::Documentation],
                format!("{:?} -> {:?}", a.source, b.source),
            );
        }
    }
    for b in new
        .references
        .iter()
        .filter(|r| !old.references.iter().any(|o| o.name == r.name))
    {
        c.push(
            format!("reference.{}", b.name),
            &[Class::Looser],
            format!("a new list `{}`", b.ident),
        );
    }
}
