//! The document model: a parsed policy and its statements, as evaluation, the trust check, the
//! linter and `policy eval` read them. `parse` builds these values and validates them on the way
//! in, so everything here is known to be well formed.

use std::fmt;

use crate::condition::Condition;

/// A parsed and validated policy document (`"Version": "1"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    // Crate-visible so that parsing can build it and evaluation can walk it in place; other
    // crates read it through `statements()`.
    pub(crate) statements: Vec<Statement>,
}

impl Policy {
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
}

/// One element of `Statement`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    /// `Action` (include) or `NotAction` (exclude).
    pub action: Patterns,
    /// `Resource` or `NotResource`; absent only in statements that name a `Principal`.
    pub resource: Option<Patterns>,
    pub principal: Option<Principal>,
    /// Every condition must hold for the statement to apply.
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// Wildcard patterns of an `Action`/`Resource` element, or of its `Not...` complement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Patterns {
    Include(Vec<String>),
    Exclude(Vec<String>),
}

/// The `Principal` element of a trust (or other resource-based) policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"Principal": "*"`.
    Anyone,
    Entities {
        ram: Vec<String>,
        service: Vec<String>,
        federated: Vec<String>,
    },
}

/// A parse/validation error with a JSON path such as `$.Statement[0].Effect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub path: String,
    pub message: String,
}

impl PolicyError {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        PolicyError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for PolicyError {}
