//! The networks of `IpAddress` / `NotIpAddress` conditions and the client addresses tested
//! against them. The network value, its prefix-length limit and containment come from the
//! `ipnet` crate; the text a policy may contain is read here, because RAM's grammar is not
//! `ipnet`'s: a bare address is a one-address network, and IPv4-mapped IPv6 networks name IPv4
//! space.

use std::net::IpAddr;

use ipnet::{IpNet, Ipv4Net};

/// A CIDR block (`192.168.0.0/16`, `2001:db8::/32`) or a bare address, which stands for a /32
/// or /128. Host bits below the prefix are allowed and kept for display; matching ignores them
/// (`10.1.2.3/8` holds every `10.x.y.z`). Surrounding whitespace is ignored; any other text that
/// is not a CIDR block is `None`.
pub(crate) fn parse(s: &str) -> Option<IpNet> {
    let s = s.trim();
    // Split by hand rather than through `IpNet::from_str`: that parser refuses a bare address,
    // takes IPv4 octets with leading zeros (`010.0.0.0/8`) that `IpAddr` refuses everywhere
    // else in the crate, and refuses a zero-padded prefix (`/008`) that policies have always
    // been allowed to carry. Addresses are read by `IpAddr`, as request addresses are.
    let net = match s.split_once('/') {
        Some((addr, prefix)) => {
            // Digits only: `u8::from_str` would also take "+24".
            if prefix.is_empty() || prefix.len() > 3 || !prefix.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let addr = addr.parse::<IpAddr>().ok()?;
            // `IpNet::new` refuses a prefix longer than the address (/33, /129).
            IpNet::new(addr, prefix.parse::<u8>().ok()?).ok()?
        }
        None => IpNet::from(s.parse::<IpAddr>().ok()?),
    };
    // `::ffff:a.b.c.d/120` names IPv4 space; request addresses are unmapped too (`unmap`), so
    // the two compare. A mapped prefix shorter than /96 reaches outside the mapped range and
    // stays an IPv6 network.
    if let IpNet::V6(v6) = net {
        if let (Some(v4), true) = (v6.addr().to_ipv4_mapped(), v6.prefix_len() >= 96) {
            return Ipv4Net::new(v4, v6.prefix_len() - 96).ok().map(IpNet::V4);
        }
    }
    Some(net)
}

/// Dual-stack servers report IPv4 clients as `::ffff:a.b.c.d`; policies name them as IPv4.
pub(crate) fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ip_nets() {
        let net = parse("0.0.0.0/0").unwrap();
        assert!(net.contains(&ip("255.1.2.3")));
        assert!(parse("::/0").unwrap().contains(&ip("2001::1")));
        assert!(parse("10.1.2.3/8").unwrap().contains(&ip("10.200.0.1")));
        for bad in [
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0.0/a",
            "::/129",
            "1.2.3",
            "10.0.0.0/8/8",
            "",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn families_do_not_mix() {
        // An IPv4 block never holds an IPv6 client and the other way round, even for /0.
        assert!(!parse("0.0.0.0/0").unwrap().contains(&ip("::1")));
        assert!(!parse("::/0").unwrap().contains(&ip("10.0.0.1")));
        assert!(!parse("10.0.0.0/8").unwrap().contains(&ip("::a00:1")));
        assert!(parse("2001:db8::/32")
            .unwrap()
            .contains(&ip("2001:db8:ffff::1")));
        assert!(!parse("2001:db8::/32").unwrap().contains(&ip("2001:db9::1")));
    }

    #[test]
    fn bare_addresses_and_prefix_text() {
        assert_eq!(parse("203.0.113.7").unwrap().to_string(), "203.0.113.7/32");
        assert_eq!(parse("2001:db8::1").unwrap().to_string(), "2001:db8::1/128");
        let single = parse(" 203.0.113.7 ").unwrap();
        assert!(single.contains(&ip("203.0.113.7")));
        assert!(!single.contains(&ip("203.0.113.8")));
        // Host bits are kept when the network is shown back, as the policy wrote it.
        assert_eq!(parse("10.1.2.3/8").unwrap().to_string(), "10.1.2.3/8");
        // Zero-padded prefixes are read as numbers; edges of each family are accepted.
        assert_eq!(parse("10.0.0.0/008").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(parse("10.0.0.0/08").unwrap().to_string(), "10.0.0.0/8");
        assert!(parse("10.0.0.0/32").is_some());
        assert!(parse("::/128").is_some());
        for bad in [
            "10.0.0.0/33",
            "10.0.0.0/0008",
            "010.0.0.0/8",
            "10.0.0.0/ 8",
            "10.0.0.0 /8",
            "10.0.0.0/-1",
            "1.2.3.4.5/8",
            "fe80::1%eth0/64",
            "example.com/24",
            "/8",
            "10.0.0.0/256",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn mapped_networks_are_ipv4() {
        let mapped = parse("::ffff:10.0.0.0/104").unwrap();
        assert_eq!(mapped.to_string(), "10.0.0.0/8");
        assert!(mapped.contains(&ip("10.9.9.9")));
        assert_eq!(
            parse("::ffff:192.168.0.1").unwrap().to_string(),
            "192.168.0.1/32"
        );
        // Shorter than /96 it is no longer only mapped space: left as IPv6.
        let wide = parse("::ffff:10.0.0.0/80").unwrap();
        assert!(matches!(wide, IpNet::V6(_)));
        assert!(!wide.contains(&ip("10.0.0.1")));
        assert_eq!(unmap(ip("::ffff:10.0.0.1")), ip("10.0.0.1"));
        assert_eq!(unmap(ip("::1")), ip("::1"));
        assert_eq!(unmap(ip("10.0.0.1")), ip("10.0.0.1"));
    }
}
