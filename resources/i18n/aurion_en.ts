<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountsDialog</name>
    <message numerus="yes">
        <source>Connected: this key can read %Ln call(s).</source>
        <translation>
            <numerusform>Connected: this key can read %Ln call.</numerusform>
            <numerusform>Connected: this key can read %Ln calls.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>Hide filters, %Ln on</source>
        <translation>
            <numerusform>Hide filters, %Ln on</numerusform>
            <numerusform>Hide filters, %Ln on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show filters, %Ln on</source>
        <translation>
            <numerusform>Show filters, %Ln on</numerusform>
            <numerusform>Show filters, %Ln on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ line(s) match</source>
        <translation>
            <numerusform>%Ln+ line matches</numerusform>
            <numerusform>%Ln+ lines match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) match</source>
        <translation>
            <numerusform>%Ln line matches</numerusform>
            <numerusform>%Ln lines match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln call(s) · {source} · sorted by {sort}</source>
        <translation>
            <numerusform>%Ln call · {source} · sorted by {sort}</numerusform>
            <numerusform>%Ln calls · {source} · sorted by {sort}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressText</name>
    <message numerus="yes">
        <source>{done} of %Ln call(s)</source>
        <translation>
            <numerusform>{done} of %Ln call</numerusform>
            <numerusform>{done} of %Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already complete</source>
        <translation>
            <numerusform>%Ln already complete</numerusform>
            <numerusform>%Ln already complete</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln call(s) ({files}) to {folder}.</source>
        <translation>
            <numerusform>Exported %Ln call ({files}) to {folder}.</numerusform>
            <numerusform>Exported %Ln calls ({files}) to {folder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) already complete.</source>
        <translation>
            <numerusform>%Ln call was already complete.</numerusform>
            <numerusform>%Ln calls were already complete.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rewrote %Ln file(s): {reason}.</source>
        <translation>
            <numerusform>Rewrote %Ln file: {reason}.</numerusform>
            <numerusform>Rewrote %Ln files: {reason}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln file(s) of an earlier export: {reason}.</source>
        <translation>
            <numerusform>Removed %Ln file of an earlier export: {reason}.</numerusform>
            <numerusform>Removed %Ln files of an earlier export: {reason}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) still active: exported as partial, export again once they have ended.</source>
        <translation>
            <numerusform>%Ln call still active: exported as partial, export again once it has ended.</numerusform>
            <numerusform>%Ln calls still active: exported as partial, export again once they have ended.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recording(s) unavailable, transcripts exported: {reasons}.</source>
        <translation>
            <numerusform>%Ln recording unavailable, transcripts exported: {reasons}.</numerusform>
            <numerusform>%Ln recordings unavailable, transcripts exported: {reasons}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) could not be exported:</source>
        <translation>
            <numerusform>%Ln call could not be exported:</numerusform>
            <numerusform>%Ln calls could not be exported:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %Ln more. Export again to retry them.</source>
        <translation>
            <numerusform>  … and %Ln more. Export again to retry them.</numerusform>
            <numerusform>  … and %Ln more. Export again to retry them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>listing: {listed} of %Ln call(s)</source>
        <translation>
            <numerusform>listing: {listed} of %Ln call</numerusform>
            <numerusform>listing: {listed} of %Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>listing: %Ln call(s)</source>
        <translation>
            <numerusform>listing: %Ln call</numerusform>
            <numerusform>listing: %Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done}/%Ln call(s) fetched</source>
        <translation>
            <numerusform>{done}/%Ln call fetched</numerusform>
            <numerusform>{done}/%Ln calls fetched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln changed</numerusform>
            <numerusform>%Ln changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recording(s) kept</source>
        <translation>
            <numerusform>%Ln recording kept</numerusform>
            <numerusform>%Ln recordings kept</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewSession</name>
    <message numerus="yes">
        <source>Answer every criterion before submitting (%Ln left).</source>
        <translation>
            <numerusform>Answer every criterion before submitting (%Ln left).</numerusform>
            <numerusform>Answer every criterion before submitting (%Ln left).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message numerus="yes">
        <source>%Ln note(s)</source>
        <translation>
            <numerusform>%Ln note</numerusform>
            <numerusform>%Ln notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
</context>
</TS>
