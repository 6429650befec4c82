//! The layers of docs/architecture.md, checked: the modules of the root crate import each other
//! in one direction only (no cycle), commands import no other command, and the pure crates
//! (wire, policy) name no networking, file or clock API in their code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a file's own code: comments and the unit tests (`#[cfg(test)]` to the end, as
/// this tree writes them) left out.
fn code_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .filter(|l| !l.starts_with("//"))
        .map(str::to_string)
        .collect()
}

/// Names following `prefix` (`crate::x` → `x`) in `line`.
fn names_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    line.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &line[i + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|n| !n.is_empty())
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Which top-level modules each top-level module of `src/` uses.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = Path::new(first).file_stem().unwrap().to_string_lossy();
        if module == "lib" || module == "main" {
            continue;
        }
        for line in code_lines(&file) {
            for used in names_after(&line, "crate::") {
                if used != module && modules.contains(used) {
                    graph
                        .entry(module.to_string())
                        .or_default()
                        .insert(used.to_string());
                }
            }
        }
    }
    graph
}

/// A cycle in `graph`, if there is one, as the path around it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn modules_import_each_other_in_one_direction() {
    let graph = module_graph();
    assert!(
        graph
            .get("credentials")
            .is_some_and(|u| u.contains("config")),
        "the scan sees imports: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules import each other in a circle: {}",
            cycle.join(" -> ")
        );
    }
    for lower in [
        "terminal",
        "net",
        "config",
        "credentials",
        "oss",
        "sts",
        "session",
    ] {
        let uses = graph.get(lower).cloned().unwrap_or_default();
        assert!(
            !uses.contains("commands") && !uses.contains("cli") && !uses.contains("clients"),
            "{lower} reaches up into {uses:?}"
        );
    }
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.insert("c".to_string(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn commands_import_no_other_command() {
    let commands = root().join("src/commands");
    let mut files = Vec::new();
    rust_files(&commands, &mut files);
    for file in files {
        for line in code_lines(&file) {
            assert!(
                !line.contains("crate::commands::") && !line.contains("super::super::"),
                "{}: {line}",
                file.display()
            );
        }
    }
}

#[test]
fn the_pure_crates_do_no_io() {
    let banned = [
        "reqwest::",
        "tokio::",
        "hyper::",
        "std::fs",
        // std::net's address types are plain values; its sockets are not.
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "to_socket_addrs",
        "std::env",
        "std::process",
        "Utc::now",
        "SystemTime::now",
        "Instant::now",
        "dirs::",
    ];
    for krate in ["wire", "policy"] {
        let mut files = Vec::new();
        rust_files(&root().join("crates").join(krate).join("src"), &mut files);
        assert!(!files.is_empty());
        for file in files {
            for line in code_lines(&file) {
                for word in banned {
                    assert!(
                        !line.contains(word),
                        "{} uses {word}: {line}",
                        file.display()
                    );
                }
            }
        }
    }
}
