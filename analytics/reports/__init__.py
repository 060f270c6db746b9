"""Documents for meetings: the meeting pack as data, its workbook and its PDF brief."""
