//! Which addresses may be requested. Checked on the resolved addresses of every hop, so a
//! public name that resolves to a private address is refused too (and the HTTP client's own
//! resolver drops such addresses again, so a second lookup cannot sneak one in).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Why an address is not requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Link-local (`169.254/16`, `fe80::/10`: cloud metadata endpoints), unspecified, multicast or
    /// broadcast: never requested.
    Never(&'static str),
    /// Loopback, private or unique-local: requested only with `--allow-private`.
    Private(&'static str),
}

impl Refusal {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Refusal::Never(what) | Refusal::Private(what) => what,
        }
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<Refusal> {
    let [a, b, ..] = ip.octets();
    if ip.is_link_local() {
        return Some(Refusal::Never("a link-local address"));
    }
    if ip.is_unspecified() || ip.is_broadcast() || ip.is_multicast() || a == 0 {
        return Some(Refusal::Never("an unroutable address"));
    }
    if ip.is_loopback() {
        return Some(Refusal::Private("a loopback address"));
    }
    // 100.64.0.0/10 is carrier-grade NAT, 198.18.0.0/15 benchmarking: not the public internet.
    if ip.is_private() || (a == 100 && (64..128).contains(&b)) || (a == 198 && (b & 0xfe) == 18) {
        return Some(Refusal::Private("a private address"));
    }
    None
}

fn classify_v6(ip: Ipv6Addr) -> Option<Refusal> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let first = ip.segments()[0];
    if (first & 0xffc0) == 0xfe80 {
        return Some(Refusal::Never("a link-local address"));
    }
    if ip.is_unspecified() || ip.is_multicast() {
        return Some(Refusal::Never("an unroutable address"));
    }
    if ip.is_loopback() {
        return Some(Refusal::Private("a loopback address"));
    }
    // fc00::/7 unique local (AWS's metadata endpoint fd00:ec2::254 is one), fec0::/10 site-local.
    if (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfec0 {
        return Some(Refusal::Private("a unique-local address"));
    }
    None
}

/// Why `ip` may not be requested, if it may not.
pub(crate) fn classify(ip: IpAddr) -> Option<Refusal> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

/// May `ip` be requested under this setting?
pub(crate) fn allowed(ip: IpAddr, allow_private: bool) -> bool {
    match classify(ip) {
        None => true,
        Some(Refusal::Private(_)) => allow_private,
        Some(Refusal::Never(_)) => false,
    }
}

/// The first refused address among `addresses`, if any.
pub(crate) fn first_refused(
    addresses: &[SocketAddr],
    allow_private: bool,
) -> Option<(IpAddr, Refusal)> {
    addresses.iter().find_map(|a| {
        let ip = a.ip();
        (!allowed(ip, allow_private))
            .then(|| (ip, classify(ip).expect("refused addresses are classified")))
    })
}

/// The client's resolver: the system's, minus every address that may not be requested.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GuardedResolver {
    pub allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| allowed(a.ip(), allow_private))
                .collect();
            if found.is_empty() {
                return Err(
                    format!("`{host}` resolves to no address that may be requested").into(),
                );
            }
            let addresses: reqwest::dns::Addrs = Box::new(found.into_iter());
            Ok(addresses)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_and_link_local_addresses_are_never_requested() {
        for text in [
            "169.254.169.254",
            "fe80::1",
            "0.0.0.0",
            "::ffff:169.254.169.254",
        ] {
            let ip: IpAddr = text.parse().unwrap();
            assert!(!allowed(ip, true), "{text}");
        }
    }

    #[test]
    fn private_addresses_need_the_allow_flag() {
        for text in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.0.1",
            "::1",
            "fd00:ec2::254",
            "100.64.0.1",
        ] {
            let ip: IpAddr = text.parse().unwrap();
            assert!(!allowed(ip, false), "{text}");
            assert!(allowed(ip, true), "{text}");
        }
        for text in ["93.184.216.34", "2606:2800:220:1::1"] {
            assert!(allowed(text.parse().unwrap(), false), "{text}");
        }
    }
}
