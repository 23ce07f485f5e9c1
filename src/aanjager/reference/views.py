from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from aanjager.reference.models import MinimumWage


@login_required
def minimum_wages(request):
    return render(request, "reference/minimum_wages.html", {"wages": MinimumWage.objects.all()})
