//! What a team types to reach the host: the machine's own addresses with the port, and a QR
//! code of the first (drawn by the `qrcode` library: SVG for the pages, text for a terminal).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The addresses a team may type (`http://…`): each of the machine's own IPv4 addresses when
/// the host listens on all of them (its network ones first, this machine's own last), else the
/// one it listens on.
pub fn addresses(listening: SocketAddr) -> Vec<String> {
    let (bind, port) = (listening.ip(), listening.port());
    let mut ips: Vec<IpAddr> = if bind.is_unspecified() {
        if_addrs::get_if_addrs()
            .map(|all| {
                all.into_iter()
                    .map(|i| i.ip())
                    .filter(|ip| ip.is_ipv4())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        vec![bind]
    };
    ips.sort_by_key(|ip| (ip.is_loopback(), *ip));
    ips.dedup();
    if ips.is_empty() {
        ips.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    ips.iter()
        .map(|ip| match ip {
            IpAddr::V4(v4) => format!("http://{v4}:{port}"),
            IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
        })
        .collect()
}

/// A QR code of `address` as an SVG document, dark on light.
pub fn qr_svg(address: &str) -> Option<String> {
    let code = qrcode::QrCode::new(address.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .build(),
    )
}

/// A QR code of `address` as an RGBA image `side` pixels square (black modules on white, 6
/// pixels each, with the 4-module quiet zone the standard asks for): `(side, bytes)`.
pub fn qr_rgba(address: &str) -> Option<(u32, Vec<u8>)> {
    let code = qrcode::QrCode::new(address.as_bytes()).ok()?;
    let modules = code.width();
    let (scale, quiet) = (6usize, 4usize);
    let side = (modules + 2 * quiet) * scale;
    let mut bytes = vec![255u8; side * side * 4];
    for (k, c) in code.to_colors().iter().enumerate() {
        if *c != qrcode::Color::Dark {
            continue;
        }
        let (mx, my) = (k % modules + quiet, k / modules + quiet);
        for y in my * scale..(my + 1) * scale {
            for x in mx * scale..(mx + 1) * scale {
                let at = (y * side + x) * 4;
                bytes[at..at + 3].copy_from_slice(&[0, 0, 0]);
            }
        }
    }
    Some((side as u32, bytes))
}

/// A QR code of `address` for a terminal: two rows of modules per line, light on dark so
/// that it reads on a dark terminal too.
pub fn qr_text(address: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(address.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_on_one_address_is_reached_there() {
        let a = addresses("127.0.0.1:8123".parse().unwrap());
        assert_eq!(a, vec!["http://127.0.0.1:8123".to_string()]);
        let all = addresses("0.0.0.0:8123".parse().unwrap());
        assert!(all.iter().all(|a| a.ends_with(":8123")), "{all:?}");
        assert!(!all.is_empty());
        let svg = qr_svg(&a[0]).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        assert!(qr_text(&a[0]).unwrap().lines().count() > 10);
    }
}
