"""Admin search that every app's ModelAdmin can use."""


class SearchMixin:
    """PostgreSQL refuses NUL in text parameters; a search box (or autocomplete) must not turn one into a 500."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))
