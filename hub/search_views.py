"""The header's search page (``hub.search``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from hub.search import MIN_QUERY, global_search


@login_required
def global_search_view(request):
    results = global_search(user=request.user, query=request.GET.get("q", ""))
    return render(
        request,
        "hub/search.html",
        {
            "results": results,
            "global_search_q": results.query,
            "min_query": MIN_QUERY,
        },
    )
