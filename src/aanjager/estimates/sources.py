"""Where the estimate's parameters come from, as the run page shows it next to their values (in the user's language).

The figures and their sources are those of shared/domain.md §3–4."""

from django.utils.translation import gettext_lazy as _

PARAMETER_SOURCES = {
    "registration_rate": _(
        "about 19% nationally (2019), 40–50% in Gelderland (2017), about 33% in Barendrecht, Albrandswaard and "
        "Ridderkerk (2020), 78% at checked addresses in Heusden (Omroep Gelderland, Ridderkerks Dagblad, BD); "
        "regional studies take the registered number × 2 to × 3"
    ),
    "rni_assignment": _(
        "an assumption: RNI workers live near where they work; or a commute matrix estimated from the BRP workers "
        "whose residence and work are both known"
    ),
}
