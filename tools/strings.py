#!/usr/bin/env python3
"""Writes the web app's Strings.resx (English) and Strings.bg.resx (Bulgarian) from one table,
so that a string cannot exist in one language only. Run after editing the table."""
import html, pathlib

STRINGS = {
    "AppName": ("Climaborough", "Climaborough"),
    "MainNavigation": ("Main navigation", "Основна навигация"),
    "NavLivingLabs": ("Living labs", "Живи лаборатории"),
    "NavLessons": ("Lessons learned", "Научени уроци"),
    "NavCities": ("Cities", "Градове"),
    "Language": ("Language", "Език"),
    "Footer": ("Climaborough: twelve European cities co-creating climate-neutral city hubs.",
               "Climaborough: дванадесет европейски града създават заедно климатично неутрални градски центрове."),
    "ConnectionConnecting": ("Connecting…", "Свързване…"),
    "ConnectionConnected": ("Connected", "Свързан"),
    "ConnectionReconnecting": ("Reconnecting…", "Повторно свързване…"),
    "ConnectionOffline": ("Offline", "Няма връзка"),
    "CitiesTitle": ("Partner cities", "Градове партньори"),
    "CitiesLead": ("The municipalities of the network, each running living labs with its stakeholders.",
                   "Общините от мрежата, всяка от които провежда живи лаборатории със своите заинтересовани страни."),
    "CitiesEmpty": ("No cities yet.", "Все още няма градове."),
    "CitiesLoadFailed": ("The cities could not be loaded.", "Градовете не можаха да бъдат заредени."),
    "TryAgain": ("Try again", "Опитай отново"),
    "Loading": ("Loading…", "Зареждане…"),
    "WorksIn": ("Works in:", "Работни езици:"),
    "LabsLead": ("Each city's long-lived spaces where it co-designs with citizens, companies and researchers.",
                 "Дълготрайните пространства на всеки град, където той проектира заедно с граждани, фирми и изследователи."),
    "LabsEmpty": ("No living labs yet.", "Все още няма живи лаборатории."),
    "LessonsLead": ("What worked and what did not: lessons and good practices shared across the cities.",
                    "Какво проработи и какво не: уроци и добри практики, споделени между градовете."),
    "LessonsEmpty": ("No lessons shared yet.", "Все още няма споделени уроци."),
    "NotFoundTitle": ("Page not found", "Страницата не е намерена"),
    "NotFoundText": ("There is nothing at this address.", "На този адрес няма нищо."),
    "NavBoards": ("Boards", "Табла"),
    "SignInAs": ("Your name (demo sign-in)", "Вашето име (демо вход)"),
    "SignIn": ("Sign in", "Вход"),
    "SignedInAs": ("Signed in as {0} (demo)", "Влезли сте като {0} (демо)"),
    "SignOut": ("Sign out", "Изход"),
    "SignInNeeded": ("Sign in to work on boards.", "Влезте, за да работите по табла."),
    "DemoNameRule": ("2 to 32 lower-case letters, digits or dashes.", "От 2 до 32 малки латински букви, цифри или тирета."),
    "BoardsTitle": ("Co-design boards", "Табла за съвместно проектиране"),
    "BoardsLead": ("Start a board, share its address, and work on it together live.", "Създайте табло, споделете адреса му и работете по него заедно на живо."),
    "BoardTitleLabel": ("Board title", "Заглавие на таблото"),
    "CreateBoard": ("Create board", "Създай табло"),
    "BoardNotFound": ("This board does not exist.", "Това табло не съществува."),
    "SyncSaved": ("All changes saved", "Всички промени са запазени"),
    "SyncSaving": ("Saving…", "Запазване…"),
    "SyncOffline": ("Offline — {0} changes waiting", "Няма връзка — {0} промени чакат"),
    "ToolAddNote": ("Add note", "Добави бележка"),
    "ToolDelete": ("Delete", "Изтрий"),
    "ToolUndo": ("Undo", "Отмени"),
    "ToolRedo": ("Redo", "Върни"),
    "BoardToolbar": ("Board tools", "Инструменти на таблото"),
    "BoardCanvas": ("Board canvas: double-click to add a note", "Платно на таблото: щракнете два пъти, за да добавите бележка"),
    "TextTooLong": ("A note holds at most {0} characters; this text has {1}.", "Бележката побира най-много {0} знака; този текст има {1}."),
    "Rejected": ("The board refused a change: {0}", "Таблото отказа промяна: {0}"),
    "OthersHere": ("Also here", "Също тук"),
    "NewNote": ("New idea", "Нова идея"),
    "ToolHistory": ("History", "История"),
    "HistoryTitle": ("Versions", "Версии"),
    "HistoryEmpty": ("No stored versions yet: a version is kept every 500 changes or 5 minutes of work.", "Все още няма запазени версии: версия се пази на всеки 500 промени или 5 минути работа."),
    "HistoryItem": ("{0:g} · {1} elements · {2} changes", "{0:g} · {1} елемента · {2} промени"),
    "Restore": ("Restore", "Възстанови"),
    "ExportJson": ("Export JSON", "Експорт JSON"),
    "ExportMarkdown": ("Export Markdown", "Експорт Markdown"),
    "Country_BG": ("Bulgaria", "България"),
    "Country_IT": ("Italy", "Италия"),
    "Country_ES": ("Spain", "Испания"),
    "Country_FR": ("France", "Франция"),
    "Country_GR": ("Greece", "Гърция"),
    "Country_PT": ("Portugal", "Португалия"),
    "Country_CZ": ("Czechia", "Чехия"),
    "Country_FI": ("Finland", "Финландия"),
    "Country_NL": ("Netherlands", "Нидерландия"),
    "Country_RO": ("Romania", "Румъния"),
    "Country_HR": ("Croatia", "Хърватия"),
    "Country_DE": ("Germany", "Германия"),
}

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def write(path, index):
    lines = [HEADER]
    for key, values in sorted(STRINGS.items()):
        lines.append(f'  <data name="{key}" xml:space="preserve"><value>{html.escape(values[index], quote=False)}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")

root = pathlib.Path(__file__).resolve().parent.parent / "clients" / "Climaborough.Web" / "Resources"
write(root / "Strings.resx", 0)
write(root / "Strings.bg.resx", 1)
