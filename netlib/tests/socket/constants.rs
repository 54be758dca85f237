//! AddressFamily, SocketKind and getattr against a live CPython's enums.

use super::*;

/// `[name, value]` pairs and help lines of an enum, from Python 3.13 live
/// when present, else from the committed vectors.
fn enum_reference(enum_name: &str, key: &str) -> (Value, Value) {
    let v = vectors();
    let from_vectors = (
        v[format!("{key}_members")].clone(),
        v[format!("{key}_help")].clone(),
    );
    let Some((env, true)) = python() else {
        return from_vectors;
    };
    let script = format!(
        "import json, pydoc, re, socket\n\
         e = socket.{enum_name}\n\
         t = pydoc.render_doc(e, renderer=pydoc.plaintext)\n\
         print(json.dumps([[[m.name, int(m)] for m in e],\n\
         [l for l in t.splitlines() if re.match(r' \\|  [A-Z0-9_]+ = <', l)]]))"
    );
    let out = Command::new("python3")
        .envs(env)
        .args(["-c", &script])
        .output()
        .expect("python runs");
    let live: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        live[0], from_vectors.0,
        "committed vectors are stale: rerun gen_socket.py"
    );
    (live[0].clone(), live[1].clone())
}

#[test]
fn address_family_members_match_python() {
    let (members, help) = enum_reference("AddressFamily", "address_family");
    let ours: Vec<Value> = AddressFamily::members()
        .iter()
        .map(|m| json!([m.name().unwrap(), m.value()]))
        .collect();
    assert_eq!(Value::from(ours), members);
    let help_lines: Vec<Value> = AddressFamily::help()
        .lines()
        .filter(|l| l.starts_with(" |  AF_"))
        .map(Value::from)
        .collect();
    assert_eq!(Value::from(help_lines), help);
}

#[test]
fn socket_kind_members_match_python() {
    let (members, help) = enum_reference("SocketKind", "socket_kind");
    let ours: Vec<Value> = SocketKind::members()
        .iter()
        .map(|m| json!([m.name().unwrap(), m.value()]))
        .collect();
    assert_eq!(Value::from(ours), members);
    let help_lines: Vec<Value> = SocketKind::help()
        .lines()
        .filter(|l| l.starts_with(" |  SOCK_"))
        .map(Value::from)
        .collect();
    assert_eq!(Value::from(help_lines), help);
}

#[test]
fn getattr_matches_python_repr_and_str() {
    for case in vectors()["getattr"].as_array().unwrap() {
        let name = case[0].as_str().unwrap();
        let c = socket::getattr(name).unwrap_or_else(|| panic!("getattr({name})"));
        assert_eq!(format!("{c:?}"), case[1].as_str().unwrap(), "repr {name}");
        assert_eq!(c.to_string(), case[2].as_str().unwrap(), "str {name}");
    }
    assert!(socket::getattr("NOT_A_CONSTANT").is_none());
    assert_eq!(socket::AF_INET, AddressFamily::AF_INET);
    assert_eq!(format!("{:?}", AddressFamily::from(99)), "99");
}
