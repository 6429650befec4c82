//! The condition operators of RAM's grammar: their names as written in a policy, and what each
//! one means (the type it compares as, its test, and whether it is a `Not...` form). Keeping the
//! meaning in one table lets parsing convert values, evaluation test them and the linter compare
//! an operator with a key's type without three diverging lists.

/// The condition operators RAM documents ("Conditional operators").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    IpAddress,
    NotIpAddress,
}

/// What type an operator compares as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Number,
    Date,
    Bool,
    Ip,
}

/// The positive test of an operator; `Not...` operators negate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Test {
    Equal,
    EqualIgnoreCase,
    Like,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

impl Operator {
    const ALL: [Operator; 21] = [
        Operator::StringEquals,
        Operator::StringNotEquals,
        Operator::StringEqualsIgnoreCase,
        Operator::StringNotEqualsIgnoreCase,
        Operator::StringLike,
        Operator::StringNotLike,
        Operator::NumericEquals,
        Operator::NumericNotEquals,
        Operator::NumericLessThan,
        Operator::NumericLessThanEquals,
        Operator::NumericGreaterThan,
        Operator::NumericGreaterThanEquals,
        Operator::DateEquals,
        Operator::DateNotEquals,
        Operator::DateLessThan,
        Operator::DateLessThanEquals,
        Operator::DateGreaterThan,
        Operator::DateGreaterThanEquals,
        Operator::Bool,
        Operator::IpAddress,
        Operator::NotIpAddress,
    ];

    /// The operator's name as written in a policy.
    pub fn name(self) -> &'static str {
        match self {
            Operator::StringEquals => "StringEquals",
            Operator::StringNotEquals => "StringNotEquals",
            Operator::StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            Operator::StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase",
            Operator::StringLike => "StringLike",
            Operator::StringNotLike => "StringNotLike",
            Operator::NumericEquals => "NumericEquals",
            Operator::NumericNotEquals => "NumericNotEquals",
            Operator::NumericLessThan => "NumericLessThan",
            Operator::NumericLessThanEquals => "NumericLessThanEquals",
            Operator::NumericGreaterThan => "NumericGreaterThan",
            Operator::NumericGreaterThanEquals => "NumericGreaterThanEquals",
            Operator::DateEquals => "DateEquals",
            Operator::DateNotEquals => "DateNotEquals",
            Operator::DateLessThan => "DateLessThan",
            Operator::DateLessThanEquals => "DateLessThanEquals",
            Operator::DateGreaterThan => "DateGreaterThan",
            Operator::DateGreaterThanEquals => "DateGreaterThanEquals",
            Operator::Bool => "Bool",
            Operator::IpAddress => "IpAddress",
            Operator::NotIpAddress => "NotIpAddress",
        }
    }

    /// Operator names are case-sensitive, as RAM documents them.
    pub fn from_name(name: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.name() == name)
    }

    /// What the operator compares as, its positive test, and whether it negates that test.
    pub(crate) fn spec(self) -> (Kind, Test, bool) {
        use Operator as O;
        match self {
            O::StringEquals => (Kind::Text, Test::Equal, false),
            O::StringNotEquals => (Kind::Text, Test::Equal, true),
            O::StringEqualsIgnoreCase => (Kind::Text, Test::EqualIgnoreCase, false),
            O::StringNotEqualsIgnoreCase => (Kind::Text, Test::EqualIgnoreCase, true),
            O::StringLike => (Kind::Text, Test::Like, false),
            O::StringNotLike => (Kind::Text, Test::Like, true),
            O::NumericEquals => (Kind::Number, Test::Equal, false),
            O::NumericNotEquals => (Kind::Number, Test::Equal, true),
            O::NumericLessThan => (Kind::Number, Test::Less, false),
            O::NumericLessThanEquals => (Kind::Number, Test::LessOrEqual, false),
            O::NumericGreaterThan => (Kind::Number, Test::Greater, false),
            O::NumericGreaterThanEquals => (Kind::Number, Test::GreaterOrEqual, false),
            O::DateEquals => (Kind::Date, Test::Equal, false),
            O::DateNotEquals => (Kind::Date, Test::Equal, true),
            O::DateLessThan => (Kind::Date, Test::Less, false),
            O::DateLessThanEquals => (Kind::Date, Test::LessOrEqual, false),
            O::DateGreaterThan => (Kind::Date, Test::Greater, false),
            O::DateGreaterThanEquals => (Kind::Date, Test::GreaterOrEqual, false),
            O::Bool => (Kind::Bool, Test::Equal, false),
            O::IpAddress => (Kind::Ip, Test::Equal, false),
            O::NotIpAddress => (Kind::Ip, Test::Equal, true),
        }
    }
}
