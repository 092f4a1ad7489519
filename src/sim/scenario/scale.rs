//! One scale for arms in every scenario: the arms index is a logarithm of the nation's nuclear
//! warheads, so that a nation's arms compare with any other's, in any scenario.
//!
//! `arms = 25 · log10(1 + warheads/10)`: every 25 points is ten times the warheads. 10
//! warheads are 7.5, 100 are 26, 400 (roughly McNamara's "assured destruction" of 1965, some
//! 400 one-megaton weapons) are 40, 1,000 are 50, 4,000 are 65, and 25,000 (the United States'
//! stockpile in 1962, its largest) are 85; 100 is 99,990 warheads. The count is the military
//! stockpile (warheads assigned to forces, deployed or stored), as the Federation of American
//! Scientists' *Status of World Nuclear Forces* gives it, the one count published for every
//! nuclear power and for the Cold War. A logarithm because deterrence saturates: the first
//! hundred warheads change a rival's calculation far more than the ten-thousandth.

/// Arms points for every tenfold increase in warheads.
pub const POINTS_PER_DECADE: f64 = 25.0;

/// Warheads in the scale's unit: `arms = POINTS_PER_DECADE · log10(1 + warheads/UNIT)`.
pub const UNIT: f64 = 10.0;

/// The arms index (0..100) of a stockpile of `warheads` (0 or more; above 99,990 it is 100).
pub fn arms_of_warheads(warheads: f64) -> f64 {
    (POINTS_PER_DECADE * (1.0 + warheads.max(0.0) / UNIT).log10()).clamp(0.0, 100.0)
}

/// The warheads (0..99,990) that an arms index stands for, the inverse of `arms_of_warheads`.
pub fn warheads_of_arms(arms: f64) -> f64 {
    UNIT * (10f64.powf(arms.clamp(0.0, 100.0) / POINTS_PER_DECADE) - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_has_its_documented_points_and_inverts() {
        for (warheads, arms) in [
            (0.0, 0.0),
            (90.0, 25.0),
            (990.0, 50.0),
            (9_990.0, 75.0),
            (99_990.0, 100.0),
        ] {
            assert!(
                (arms_of_warheads(warheads) - arms).abs() < 1e-9,
                "{warheads}"
            );
            assert!((warheads_of_arms(arms) - warheads).abs() < 1e-6, "{arms}");
        }
        assert!((arms_of_warheads(400.0) - 40.3).abs() < 0.05);
        assert!((arms_of_warheads(25_540.0) - 85.2).abs() < 0.05);
        assert_eq!(arms_of_warheads(1e9), 100.0);
    }
}
